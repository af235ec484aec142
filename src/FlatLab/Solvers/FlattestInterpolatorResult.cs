namespace FlatLab.Solvers;

/// <summary>
/// A solve's answer with everything needed to trust it. When <see cref="Status"/> is not
/// <see cref="SolverStatus.Solved"/> the numbers that need a solution are NaN and the weights empty.
/// </summary>
public sealed record FlattestInterpolatorResult
{
    public required SolverStatus Status { get; init; }
    /// <summary>Why the status is what it is, in one sentence.</summary>
    public required string Message { get; init; }
    public required double P { get; init; }
    /// <summary>Σ_j c_j |a_j|^p at the returned weights.</summary>
    public double Objective { get; init; } = double.NaN;
    /// <summary>F_min = scale × objective (docs/model.md §4); NaN with unit weights.</summary>
    public double FlatnessMin { get; init; } = double.NaN;
    /// <summary>(‖b*‖₂² / ‖b*‖_q)^p, a certified lower bound on the optimum (docs/model.md §5).</summary>
    public double LowerBound { get; init; } = double.NaN;
    /// <summary>The dual objective at the returned dual point: a lower bound on the optimum.</summary>
    public double DualObjective { get; init; } = double.NaN;
    /// <summary>Objective − dual objective (≥ 0 up to rounding).</summary>
    public double DualityGap { get; init; } = double.NaN;
    /// <summary>‖Φa − y‖_∞.</summary>
    public double PrimalResidual { get; init; } = double.NaN;
    /// <summary>max_j (|(Φᵀλ)_j| / c_j − 1)⁺ for p = 1, 0 for p &gt; 1 (the smooth dual is unconstrained).</summary>
    public double DualInfeasibility { get; init; } = double.NaN;
    /// <summary>An estimate of the condition number of Ψ = Φ diag(c^{−1/p}) (live columns).</summary>
    public double ConditionEstimate { get; init; } = double.NaN;
    /// <summary>The numerical rank of Φ over the live neurons (n when ΦΦᵀ is well conditioned; from a pivoted QR
    /// otherwise, see docs/solver.md); 0 when not computed.</summary>
    public int PhiRank { get; init; }
    /// <summary>‖y − Πy‖₂, Π the orthogonal projection onto the numerical range of Φ: 0 for a consistent system,
    /// the size of the obstruction when <see cref="Status"/> is <see cref="SolverStatus.Infeasible"/>.</summary>
    public double OutsideRangeNorm { get; init; } = double.NaN;
    /// <summary>Σ_j |a_j|^p, the unweighted l_p norm to the p (the paper's objective).</summary>
    public double UnitLpNorm { get; init; } = double.NaN;
    /// <summary>The outer weights a (length m): the vertex or the central point for p = 1.</summary>
    public double[] OuterWeights { get; init; } = [];
    /// <summary>The dual variable λ (length n).</summary>
    public double[] Dual { get; init; } = [];
    /// <summary>For p = 1, the optimal point returned; null for p &gt; 1 (the optimum is unique).</summary>
    public OptimalPoint? Point { get; init; }
    /// <summary>For p = 1, the other point of the optimal face (central if a vertex was returned and vice versa).</summary>
    public double[]? AlternativeWeights { get; init; }
    /// <summary>Number of non-zero outer weights.</summary>
    public int Support { get; init; }
    public int Iterations { get; init; }
    public double SolveSeconds { get; init; }
    /// <summary>The algorithm, e.g. "dual-newton" or "interior-point+crossover".</summary>
    public string Method { get; init; } = "";
}
