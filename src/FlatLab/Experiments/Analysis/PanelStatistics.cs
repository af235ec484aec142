namespace FlatLab.Experiments.Analysis;

/// <summary>A panel's bootstrap statistics and the verdict rule's decisions on them (docs/statistics.md).</summary>
/// <param name="Total">ρ rows of the panel, usable or not.</param>
/// <param name="Failed">Rows left out of every statistic (not usable), counted here and per estimate.</param>
/// <param name="Estimates">The statistics in a fixed order (<see cref="SeedClusterBootstrap"/>).</param>
/// <param name="Verdicts">One per claim of <see cref="VerdictRule.Claims"/>.</param>
public sealed record PanelStatistics(
    string Panel,
    string Figure,
    int Total,
    int Failed,
    IReadOnlyList<StatisticEstimate> Estimates,
    IReadOnlyList<ClaimVerdict> Verdicts)
{
    /// <summary>The estimate of <paramref name="statistic"/> on <paramref name="range"/>, or null.</summary>
    public StatisticEstimate? Find(string statistic, string range = StatisticsSettings.FullRange) =>
        Estimates.FirstOrDefault(e => e.Statistic == statistic && e.Range == range);
}
