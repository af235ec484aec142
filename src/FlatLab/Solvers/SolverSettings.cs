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

    /// <summary>The largest estimated condition number of Ψ = Φ diag(c^{−1/p}) solved through ΨΨᵀ; above it
    /// the rank-revealing path (a pivoted QR of Ψᵀ, docs/solver.md). At most 1e8: the estimate comes from
    /// ΨΨᵀ, whose rounding hides larger values.</summary>
    public double ConditionLimit { get; init; } = 1e7;

    /// <summary>For p = 1: the point of the optimal face to return as the outer weights.</summary>
    public OptimalPoint Point { get; init; } = OptimalPoint.Vertex;

    public SolverSettings Validate()
    {
        if (MaxIterations < 1) throw new ArgumentException($"MaxIterations must be >= 1, got {MaxIterations}.", nameof(MaxIterations));
        if (!(GapTolerance > 0 && GapTolerance < 1)) throw new ArgumentException($"GapTolerance must lie in (0, 1), got {GapTolerance}.", nameof(GapTolerance));
        if (!(FeasibilityTolerance > 0 && FeasibilityTolerance < 1))
            throw new ArgumentException($"FeasibilityTolerance must lie in (0, 1), got {FeasibilityTolerance}.", nameof(FeasibilityTolerance));
        if (!(ConditionLimit > 1 && ConditionLimit <= 1e8))
            throw new ArgumentException($"ConditionLimit must lie in (1, 1e8], got {ConditionLimit}.", nameof(ConditionLimit));
        return this;
    }
}
