namespace FlatLab.Solvers;

/// <summary>What a solve concluded. Only <see cref="Solved"/> carries numbers to trust.</summary>
public enum SolverStatus
{
    Unsolved = 0,
    /// <summary>Optimal to the requested gap, primal residual and dual feasibility.</summary>
    Solved,
    /// <summary>Φ a = y has no solution (y is outside the range of Φ).</summary>
    Infeasible,
    /// <summary>Φ is numerically rank deficient or too ill-conditioned for a trustworthy answer.</summary>
    IllConditioned,
    /// <summary>The iteration budget ran out before the tolerances were met.</summary>
    MaxIterations,
    /// <summary>A factorisation or step failed for numerical reasons.</summary>
    NumericalError,
}

public static class SolverStatusExtensions
{
    public static bool HasSolution(this SolverStatus status) => status == SolverStatus.Solved;

    /// <summary>The snake_case spelling used in outputs.</summary>
    public static string ToSnakeCase(this SolverStatus status) => status switch
    {
        SolverStatus.Unsolved => "unsolved",
        SolverStatus.Solved => "solved",
        SolverStatus.Infeasible => "infeasible",
        SolverStatus.IllConditioned => "ill_conditioned",
        SolverStatus.MaxIterations => "max_iterations",
        SolverStatus.NumericalError => "numerical_error",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
