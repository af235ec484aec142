using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.Randomness;
using FlatLab.Solvers;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Evaluation;

/// <summary>A trained two-layer network f(x) = Σ_j a_j σ(w_j · x) and its training sample, to evaluate
/// (<see cref="NetworkEvaluator"/>; docs/model.md §3–§5 and §7 in docs/model.md).</summary>
public sealed record NetworkEvaluationSpec
{
    /// <summary>X (n × d).</summary>
    public required Matrix<double> Features { get; init; }
    /// <summary>y (n).</summary>
    public required double[] Labels { get; init; }
    /// <summary>W (m × d) as trained: rows of any (non-zero) norm.</summary>
    public required Matrix<double> InnerWeights { get; init; }
    /// <summary>a (m) as trained.</summary>
    public required double[] OuterWeights { get; init; }
    public required Activation Activation { get; init; }
    /// <summary>The network interpolates when max_i |f(x_i) − y_i| ≤ tolerance · max(1, max_i |y_i|);
    /// only then is it compared with the flattest interpolator. Default 1e-6.</summary>
    public double InterpolationTolerance { get; init; } = DefaultInterpolationTolerance;
    /// <summary>The flattest interpolator's solver settings (exact weights, the vertex for p = 1).</summary>
    public SolverSettings Solver { get; init; } = new();
    /// <summary>The data model for the population loss; null: none is computed.</summary>
    public DataModel? Model { get; init; }
    /// <summary>The seeded source of the population loss's Monte Carlo fallback (needed with <see cref="Model"/>).</summary>
    public RandomSource? Random { get; init; }

    public const double DefaultInterpolationTolerance = 1e-6;

    /// <summary>Checks sizes and values; bad input throws <see cref="ArgumentException"/> naming the array.</summary>
    public NetworkEvaluationSpec Validate()
    {
        ArgumentNullException.ThrowIfNull(Features);
        ArgumentNullException.ThrowIfNull(Labels);
        ArgumentNullException.ThrowIfNull(InnerWeights);
        ArgumentNullException.ThrowIfNull(OuterWeights);
        ArgumentNullException.ThrowIfNull(Activation);
        int n = Features.RowCount, d = Features.ColumnCount, m = InnerWeights.RowCount;
        if (Labels.Length != n) throw new ArgumentException($"y has {Labels.Length} labels but X has n = {n} rows.", nameof(Labels));
        if (InnerWeights.ColumnCount != d)
            throw new ArgumentException($"W has {InnerWeights.ColumnCount} columns but X has d = {d}.", nameof(InnerWeights));
        if (OuterWeights.Length != m)
            throw new ArgumentException($"a has {OuterWeights.Length} values but W has m = {m} rows (neurons).", nameof(OuterWeights));
        if (OuterWeights.Any(v => !double.IsFinite(v))) throw new ArgumentException("a contains NaN or Inf.", nameof(OuterWeights));
        for (var j = 0; j < m; j++)
            if (FlatLab.LinearAlgebra.RowNorms.Fault(InnerWeights, j) is { } fault)
                throw new ArgumentException($"row {j + 1} of W {fault}.", nameof(InnerWeights));
        if (!(InterpolationTolerance >= 0) || !double.IsFinite(InterpolationTolerance))
            throw new ArgumentException($"The interpolation tolerance must be a finite number >= 0, got {InterpolationTolerance}.",
                nameof(InterpolationTolerance));
        Solver.Validate();
        if (Model is not null && Random is null)
            throw new ArgumentException("A population loss needs its random source.", nameof(Random));
        return this;
    }
}
