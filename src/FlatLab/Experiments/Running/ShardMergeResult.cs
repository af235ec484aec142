using FlatLab.Experiments.Results;
using FlatLab.Experiments.Specs;

namespace FlatLab.Experiments.Running;

/// <summary>The union of some shard runs of one spec.</summary>
/// <param name="Rows">One row per case found, in canonical order.</param>
/// <param name="MissingKeys">Keys of the spec's cases no shard holds, in canonical order.</param>
/// <param name="Overlapping">Cases found in more than one shard (with identical rows).</param>
/// <param name="Folders">The shard folders, as given.</param>
public sealed record ShardMergeResult(
    SweepSpec Spec, IReadOnlyList<CaseResult> Rows, IReadOnlyList<string> MissingKeys, int Overlapping,
    IReadOnlyList<string> Folders)
{
    public int Expected => Rows.Count + MissingKeys.Count;

    public bool IsComplete => MissingKeys.Count == 0;
}
