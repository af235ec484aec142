namespace FlatLab.Solvers;

/// <summary>What an algorithm returns in scaled coordinates, before the result is assembled.</summary>
/// <param name="Scaled">b (live columns); the returned point.</param>
/// <param name="Dual">λ.</param>
/// <param name="DualObjective">A certified lower bound: the dual value at a dual-feasible λ.</param>
/// <param name="DualInfeasibility">max_j (|(Ψᵀλ)_j| − 1)⁺ for p = 1; 0 for p &gt; 1.</param>
internal sealed record CoreSolution(
    SolverStatus Status,
    string Message,
    double[] Scaled,
    double[] Dual,
    double DualObjective,
    double DualInfeasibility,
    int Iterations,
    string Method)
{
    /// <summary>For p = 1, the other optimal point (central when <see cref="Scaled"/> is a vertex).</summary>
    public double[]? Alternative { get; init; }
    public OptimalPoint? Point { get; init; }
}
