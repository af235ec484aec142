using FlatLab.Experiments.Results;

namespace FlatLab.Experiments.Analysis;

/// <summary>The whole sweep: per-panel statistics, counts, and every case left out with its reason.</summary>
/// <param name="Solved">Rows with status <see cref="CaseStatus.Solved"/> (a solved row can still be unusable, e.g. a non-finite loss).</param>
/// <param name="Usable">Rows that enter the figures and statistics.</param>
/// <param name="ByStatus">Row counts per status, in ascending order of its snake_case name.</param>
/// <param name="Failures">Every row that is not usable, in case order.</param>
public sealed record SweepSummary(
    int Total,
    int Solved,
    int Usable,
    IReadOnlyList<KeyValuePair<CaseStatus, int>> ByStatus,
    IReadOnlyList<PanelSummary> Panels,
    IReadOnlyList<FailedCase> Failures)
{
    public int Failed => Total - Usable;
}
