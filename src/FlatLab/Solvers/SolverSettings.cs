using FlatLab.LinearAlgebra;

namespace FlatLab.Solvers;

/// <summary>Tuning of the flattest-interpolator solvers; the defaults suit every documented use.</summary>
public sealed record SolverSettings
{
    /// <summary>Newton or interior-point iterations before giving up.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Target relative duality gap, (primal − dual) / max(1, |primal|).</summary>
    public double GapTolerance { get; init; } = 1e-10;

    /// <summary>Target ‖Φa − y‖_∞ relative to max(1, ‖y‖_∞).</summary>
    public double FeasibilityTolerance { get; init; } = 1e-9;

    /// <summary>Φ is reported ill-conditioned when its estimated condition number exceeds this.</summary>
    public double ConditionLimit { get; init; } = 1e10;

    /// <summary>For p = 1: the point of the optimal face to return as the outer weights.</summary>
    public OptimalPoint Point { get; init; } = OptimalPoint.Vertex;

    /// <summary>The dense kernels; null picks <see cref="DenseKernels.Default"/>.</summary>
    public IDenseKernels? Kernels { get; init; }

    public SolverSettings Validate()
    {
        if (MaxIterations < 1) throw new ArgumentException($"MaxIterations must be >= 1, got {MaxIterations}.");
        if (!(GapTolerance > 0 && GapTolerance < 1)) throw new ArgumentException($"GapTolerance must lie in (0, 1), got {GapTolerance}.");
        if (!(FeasibilityTolerance > 0 && FeasibilityTolerance < 1))
            throw new ArgumentException($"FeasibilityTolerance must lie in (0, 1), got {FeasibilityTolerance}.");
        if (!(ConditionLimit > 1)) throw new ArgumentException($"ConditionLimit must exceed 1, got {ConditionLimit}.");
        return this;
    }
}
