using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Randomness;
using FlatLab.Search;

namespace FlatLab.Experiments.Analysis;

/// <summary>
/// The claims a search for the flattest interpolator decides (docs/theory.md §9). Per panel with searches and per
/// seed, the flattest of the seed's converged searches (over all its starts) stands for the flattest interpolator
/// over (a, W); a capped or failed search is no evidence and is left out. Over the seeds that have one, three means
/// with seed-cluster bootstrap intervals (docs/statistics.md §3): its F_min over the flattest ρ construction of the
/// same seed, its population loss over the trivial predictor's, and its bias share (docs/theory.md §5); each judged
/// by <see cref="VerdictRule"/>.
/// </summary>
public static class SearchClaimAnalysis
{
    /// <summary>
    /// Per panel with search rows, in case order; nothing without searches. Rows counts the panel's search rows and Failed
    /// those that did not converge; each estimate's Seeds counts the seeds with a converged search (the rule needs 5).
    /// The estimates are search_over_best_rho, search_loss_over_trivial and search_bias_share; the verdicts
    /// flatter_than_constructions, search_better_than_trivial and, for networks with biases, bias_vanishes.
    /// </summary>
    public static IReadOnlyList<PanelStatistics> Analyze(IReadOnlyList<CaseResult> rows, StatisticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var results = new List<PanelStatistics>();
        foreach (var panel in rows.OrderBy(r => r.CaseIndex).GroupBy(r => r.Panel))
        {
            var searches = panel.Where(r => r.Kind == CaseKind.Search).ToList();
            if (searches.Count == 0) continue;
            var seeds = new List<(double Ratio, double Trivial, double Bias)>();
            foreach (var seed in panel.GroupBy(r => r.Repetition).OrderBy(g => g.Key))
            {
                var mine = seed.Where(r => r.Kind == CaseKind.Search).ToList();
                if (mine.Count == 0) continue;
                var best = mine.Where(r => r.IsUsable && r.SearchStatus == SearchStatus.Converged).MinBy(r => r.FlatnessMin);
                if (best is null) continue;
                var rho = seed.Where(r => r.IsRho && r.IsUsable).Select(r => r.FlatnessMin).DefaultIfEmpty(double.NaN).Min();
                var trivial = best.SignalPower + best.NoiseVariance;
                seeds.Add((best.FlatnessMin / rho, trivial > 0 ? best.PopulationLoss / trivial : double.NaN, best.BiasShare));
            }
            var converged = searches.Count(r => r.IsUsable && r.SearchStatus == SearchStatus.Converged);
            var estimates = new[]
            {
                Estimate(StatisticNames.SearchOverBestRho, seeds.Select(s => s.Ratio).ToArray(), settings, panel.Key),
                Estimate(StatisticNames.SearchLossOverTrivial, seeds.Select(s => s.Trivial).ToArray(), settings, panel.Key),
                Estimate(StatisticNames.SearchBiasShare, seeds.Select(s => s.Bias).ToArray(), settings, panel.Key),
            };
            var verdicts = new List<ClaimVerdict>
            {
                VerdictRule.Judge(ClaimKind.FlatterThanConstructions, estimates[0]),
                VerdictRule.Judge(ClaimKind.SearchBetterThanTrivial, estimates[1]),
            };
            if (!double.IsNaN(estimates[2].Point) || searches.Any(r => double.IsFinite(r.BiasShare)))
                verdicts.Add(VerdictRule.Judge(ClaimKind.BiasVanishes, estimates[2]));
            results.Add(new PanelStatistics(panel.Key, panel.First().Figure, searches.Count, searches.Count - converged, estimates, verdicts));
        }
        return results;
    }

    /// <summary>The mean of the seeds' finite values with its percentile interval over resampled seeds.</summary>
    private static StatisticEstimate Estimate(string statistic, double[] values, StatisticsSettings settings, string panel)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        var point = finite.Length > 0 ? finite.Average() : double.NaN;
        var (lower, upper) = (double.NaN, double.NaN);
        var replicates = new double[finite.Length > 0 ? settings.Resamples : 0];
        var random = new RandomSource(RandomSource.DeriveSeed(settings.Seed, $"bootstrap/search/{panel}/{statistic}"));
        for (var b = 0; b < replicates.Length; b++)
        {
            double sum = 0;
            for (var i = 0; i < finite.Length; i++) sum += finite[(int)(random.NextDouble() * finite.Length)];
            replicates[b] = sum / finite.Length;
        }
        if (replicates.Length > 0)
        {
            Array.Sort(replicates);
            var alpha = 1 - settings.Level;
            (lower, upper) = (SeedClusterBootstrap.Quantile(replicates, alpha / 2), SeedClusterBootstrap.Quantile(replicates, 1 - alpha / 2));
        }
        return new StatisticEstimate(statistic, StatisticsSettings.FullRange, point, lower, upper, settings.Level,
            finite.Length, finite.Length, values.Length - finite.Length, replicates.Length);
    }
}
