using FlatLab.Flatness;
using FlatLab.Population;
using FlatLab.Solvers;

namespace FlatLab.Evaluation;

/// <summary>How flat a given network is and how far from the flattest interpolator (<see cref="NetworkEvaluator"/>).</summary>
/// <param name="Trace">tr ∇²L_S at (a, W) as given, its two sums, the training loss and max |f(x_i) − y_i| (docs/model.md §3).</param>
/// <param name="Orbit">The minimum over the rescaling orbit of (a, W) and the scales t_j that attain it (docs/model.md §4).
/// At an interpolator it is the flattest F on the orbit; otherwise the minimum of the Gauss–Newton part.</param>
/// <param name="Interpolates">max |f(x_i) − y_i| is within the tolerance of the spec.</param>
/// <param name="Flattest">The flattest interpolator for the same W (docs/model.md §5), when the network interpolates; null otherwise.</param>
/// <param name="FlattestOuterWeights">Its outer weights for the rows of W as given (â_j / ‖w_j‖^k for the unit-row solution â), so
/// Σ_j a_j σ(w_j · x) interpolates with the caller's W; null without a solution.</param>
/// <param name="FlatnessRatio">Orbit minimum / the flattest interpolator's F_min (≥ 1 up to the solver's tolerance); NaN without one.</param>
/// <param name="TraceRatio">Hessian trace as given / the flattest interpolator's F_min; NaN without one.</param>
/// <param name="Note">Why there is no comparison with the flattest interpolator, or empty.</param>
/// <param name="PopulationLoss">L_D of the network (docs/model.md §7); null without a data model.</param>
/// <param name="FlattestPopulationLoss">L_D of the flattest interpolator; null without a data model or a solution.</param>
public sealed record NetworkEvaluationResult(
    HessianTraceResult Trace,
    OrbitMinimumResult Orbit,
    bool Interpolates,
    FlattestInterpolatorResult? Flattest,
    double[]? FlattestOuterWeights,
    double FlatnessRatio,
    double TraceRatio,
    string Note,
    PopulationLossResult? PopulationLoss,
    PopulationLossResult? FlattestPopulationLoss);
