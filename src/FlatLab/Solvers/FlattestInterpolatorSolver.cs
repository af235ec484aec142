namespace FlatLab.Solvers;

/// <summary>Solves MODEL §5: the interior-point LP for p = 1, the dual Newton method for 1 &lt; p ≤ 2.</summary>
public static class FlattestInterpolatorSolver
{
    public static FlattestInterpolatorResult Solve(FlattestInterpolatorProblem problem, SolverSettings? settings = null)
    {
        throw new NotImplementedException("being written");
    }
}
