namespace FlatLab.Experiments.Analysis;

/// <summary>
/// One statistic of one panel with its seed-cluster bootstrap percentile interval (docs/statistics.md).
/// Point, Lower and Upper are NaN when the statistic is undefined on the data (e.g. a constant
/// variable, or fewer than three seeds at every ρ for the within-ρ correlation); Lower and Upper are
/// also NaN when fewer than half of the resamples gave a defined value.
/// </summary>
/// <param name="Statistic">The snake_case name, one of <see cref="StatisticNames"/>.</param>
/// <param name="Range">The ρ range: <see cref="StatisticsSettings.FullRange"/> or the restricted label.</param>
/// <param name="Level">The interval's two-sided coverage.</param>
/// <param name="Seeds">Seeds with at least one usable row in the range (the clusters resampled).</param>
/// <param name="Rows">Usable (seed, ρ) rows in the range.</param>
/// <param name="Failed">Rows in the range that are not usable (failed solves, missing losses): left out, counted.</param>
/// <param name="Resamples">Resamples whose statistic was defined (at most B).</param>
public sealed record StatisticEstimate(
    string Statistic,
    string Range,
    double Point,
    double Lower,
    double Upper,
    double Level,
    int Seeds,
    int Rows,
    int Failed,
    int Resamples)
{
    /// <summary>Both interval ends are finite.</summary>
    public bool HasInterval => double.IsFinite(Lower) && double.IsFinite(Upper);
}
