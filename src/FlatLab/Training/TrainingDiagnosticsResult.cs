using FlatLab.Population;
using FlatLab.Solvers;

namespace FlatLab.Training;

/// <summary>
/// What a trained (or training) network is, measured against the flattest interpolator for its own
/// directions (docs/optimizers.md, "Diagnostics"). Numbers that need a solution are NaN when the
/// flattest solve failed; its status and message say why. A network with non-finite parameters (a diverged
/// run) gives NaN everywhere, status <see cref="SolverStatus.Unsolved"/> and null population losses.
/// </summary>
/// <param name="TrainingLoss">L_S(a, W).</param>
/// <param name="MaxAbsResidual">max_i |f(x_i) − y_i|.</param>
/// <param name="Interpolates">L_S below the interpolation tolerance: only then is <paramref name="FlatnessRatio"/> a
/// comparison of two interpolators.</param>
/// <param name="Flatness">F = tr ∇²L_S at (a, W) as they are (docs/model.md §3).</param>
/// <param name="FlatnessResidualTerm">The residual part of F, (2/n) Σ_i r_i Σ_j a_j σ''(z_ij) ‖x_i‖²; 0 at an interpolator.</param>
/// <param name="FlatnessMin">F_min(a, W): the flattest point of the network's rescaling orbit (docs/model.md §4).</param>
/// <param name="FlattestStatus">Status of the flattest-interpolator solve for the unit rows of W (docs/model.md §5, exact weights).</param>
/// <param name="FlattestMessage">The solver's message.</param>
/// <param name="FlattestFlatnessMin">F_min of that flattest interpolator: the least flatness any interpolator with
/// the network's directions can have.</param>
/// <param name="FlattestOuterWeights">Its outer weights a* for the unit rows ŵ_j (empty when unsolved).</param>
/// <param name="FlatnessRatio"><paramref name="FlatnessMin"/> / <paramref name="FlattestFlatnessMin"/>; ≥ 1 for an
/// exact interpolator (its own a is feasible for the problem the flattest one solves).</param>
/// <param name="Alignment">‖P_U ŵ_j‖ over neurons.</param>
/// <param name="PopulationLoss">L_D of the network (null when not requested).</param>
/// <param name="FlattestPopulationLoss">L_D of the flattest interpolator (ŵ, a*) (null when unsolved or not requested).</param>
public sealed record TrainingDiagnosticsResult(
    double TrainingLoss,
    double MaxAbsResidual,
    bool Interpolates,
    double Flatness,
    double FlatnessResidualTerm,
    double FlatnessMin,
    SolverStatus FlattestStatus,
    string FlattestMessage,
    double FlattestFlatnessMin,
    double[] FlattestOuterWeights,
    double FlatnessRatio,
    AlignmentResult Alignment,
    PopulationLossResult? PopulationLoss,
    PopulationLossResult? FlattestPopulationLoss);
