using FlatLab.Experiments.Results;

namespace FlatLab.Experiments.Running;

/// <summary>A finished run: every row of its cases in canonical order, and what this run did.</summary>
public sealed record SweepRunResult(IReadOnlyList<CaseResult> Rows, int Resumed, int Ran, TimeSpan Elapsed)
{
    public int Failed => Rows.Count(r => !r.Status.IsUsable());
}
