using FlatLab.Networks;
using FlatLab.Population;
using FlatLab.Solvers;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Solving;

/// <summary>What <see cref="InstanceSolver.Solve"/> found for one instance.</summary>
/// <param name="Features">Φ, S and T of the unit directions (docs/model.md §3–§4).</param>
/// <param name="UnitDirections">The rows of W scaled to unit norm: the outer weights belong to these.</param>
/// <param name="Solution">The flattest interpolator with its certificates (docs/model.md §5).</param>
/// <param name="GramEigenvalues">The eigenvalues of ΦΦᵀ/n, ascending.</param>
/// <param name="PhiCondition">κ(Φ) of the unit-direction features, +∞ when Φ is rank deficient to rounding (docs/model.md §6).</param>
/// <param name="Separation">max_{j≠l} |ŵ_j · ŵ_l| (docs/model.md §6); NaN for m = 1.</param>
/// <param name="PopulationLoss">L_D at the solution; null without a data model or without a solution.</param>
/// <param name="PopulationLossAlternative">For p = 1, L_D at the other point of the optimal face, when asked for.</param>
public sealed record InstanceResult(
    NeuronFeatures Features,
    DenseMatrix UnitDirections,
    FlattestInterpolatorResult Solution,
    double[] GramEigenvalues,
    double PhiCondition,
    double Separation,
    PopulationLossResult? PopulationLoss,
    PopulationLossResult? PopulationLossAlternative);
