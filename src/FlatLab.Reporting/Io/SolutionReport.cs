using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.Population;
using FlatLab.Solvers;

namespace FlatLab.Reporting.Io;

/// <summary>Everything <c>solution.json</c> records about one solve (fields in docs/cli.md).</summary>
public sealed record SolutionReport
{
    public required FlattestInterpolatorResult Result { get; init; }
    /// <summary>n, the number of samples.</summary>
    public required int SampleCount { get; init; }
    /// <summary>m, the number of neurons.</summary>
    public required int NeuronCount { get; init; }
    /// <summary>d, the input dimension.</summary>
    public required int Dimension { get; init; }
    public required Activation Activation { get; init; }
    public required OuterWeighting Weighting { get; init; }
    /// <summary>The kernels' name (OpenBLAS or managed).</summary>
    public required string Kernels { get; init; }
    public required string Version { get; init; }
    /// <summary>max_{j≠l} |ŵ_j · ŵ_l| of the inner weights (docs/model.md §6).</summary>
    public double Separation { get; init; } = double.NaN;
    /// <summary>σ_max(Φ) / σ_min(Φ) of the unit-direction features, from its singular values (docs/model.md §6).</summary>
    public double PhiCondition { get; init; } = double.NaN;
    /// <summary>The seed of Monte Carlo fallbacks.</summary>
    public ulong Seed { get; init; }
    /// <summary>The data model, when one was given; null otherwise.</summary>
    public DataModel? Model { get; init; }
    /// <summary>L_D at the returned outer weights (needs <see cref="Model"/> and a solution).</summary>
    public PopulationLossResult? PopulationLoss { get; init; }
    /// <summary>For p = 1, L_D at the other point of the optimal face.</summary>
    public PopulationLossResult? PopulationLossAlternative { get; init; }
}
