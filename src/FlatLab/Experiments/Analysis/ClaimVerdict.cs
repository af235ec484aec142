namespace FlatLab.Experiments.Analysis;

/// <summary>The verdict rule's decision on one claim for one panel, from one statistic's interval.</summary>
/// <param name="Statistic">The statistic (and range) the claim was judged on.</param>
/// <param name="Text">One sentence: the interval against the threshold, or why it is inconclusive.</param>
public sealed record ClaimVerdict(ClaimKind Claim, StatisticEstimate Statistic, ClaimStatus Status, string Text);
