using FlatLab.Solvers;
using FlatLab.Training;

namespace FlatLab.Experiments.Results;

public static class CaseStatusExtensions
{
    /// <summary>
    /// The row holds the numbers of the network the case ended with: a solved case, or an optimizer run
    /// that stopped without interpolating. Otherwise every number that needs a solution is NaN.
    /// </summary>
    public static bool HasSolution(this CaseStatus status) =>
        status is CaseStatus.Solved or CaseStatus.StepBudget or CaseStatus.Diverged;

    /// <summary>
    /// The case reached its goal, so its row may enter the figures and statistics (when its F_min and
    /// population loss are finite, <see cref="CaseResult.IsUsable"/>); every other status counts as failed.
    /// </summary>
    public static bool IsUsable(this CaseStatus status) => status == CaseStatus.Solved;

    /// <summary>The stable snake_case spelling of the results table and the case store.</summary>
    public static string ToSnakeCase(this CaseStatus status) => SnakeCaseEnum.Name(status);

    /// <summary>The solver's verdict as the status of the case that ran it.</summary>
    public static CaseStatus ToCaseStatus(this SolverStatus status) => status switch
    {
        SolverStatus.Unsolved => CaseStatus.Unsolved,
        SolverStatus.Solved => CaseStatus.Solved,
        SolverStatus.Infeasible => CaseStatus.Infeasible,
        SolverStatus.IllConditioned => CaseStatus.IllConditioned,
        SolverStatus.MaxIterations => CaseStatus.MaxIterations,
        SolverStatus.NumericalError => CaseStatus.NumericalError,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "A solver status without a case status."),
    };

    /// <summary>How an optimizer run ended, as the status of its case.</summary>
    public static CaseStatus ToCaseStatus(this TrainingStatus status) => status switch
    {
        TrainingStatus.Interpolated => CaseStatus.Solved,
        TrainingStatus.Diverged => CaseStatus.Diverged,
        _ => CaseStatus.StepBudget,
    };
}
