using FlatLab.Experiments.Results;
using FlatLab.Randomness;
using FlatLab.Search;

namespace FlatLab.Experiments.Analysis;

/// <summary>
/// Theorem 3 against the searches (docs/flattest/README.md, docs/statistics.md): per panel and seed, the flattest
/// interpolator found is the converged search row with the smallest F_min; its population loss is compared with
/// the best loss of the seed's ρ rows, with the trivial predictor's and with the reference's, as ratios of seed
/// means, with seed-cluster bootstrap percentile intervals and the verdict rule's decisions on
/// <see cref="VerdictRule.SearchClaims"/>. A seed without a converged search, or without a usable ρ row, is
/// left out and counted as failed; searches that did not converge never stand for the flattest found.
/// </summary>
public static class SearchBootstrap
{
    private const int OverRhoBest = 0, OverTrivial = 1, OverReference = 2, OverLowerBound = 3, Count = 4;

    /// <summary>Statistics of every panel with search rows, in the order the panels first appear (by case index).</summary>
    public static IReadOnlyList<PanelStatistics> AnalyzeSweep(IReadOnlyList<CaseResult> rows, StatisticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var searched = rows.Where(r => r.Kind == Running.CaseKind.Search).Select(r => r.Panel).ToHashSet();
        return rows.OrderBy(r => r.CaseIndex).Where(r => searched.Contains(r.Panel)).GroupBy(r => r.Panel)
            .Select(g => Analyze(g.ToList(), settings)).ToList();
    }

    /// <summary>The seeds' values: (L_found, L_best ρ, L_trivial, L_reference, F_found, lower bound), one per usable seed.</summary>
    internal static (List<double[]> Seeds, int Failed) Seeds(IReadOnlyList<CaseResult> panelRows)
    {
        var seeds = new List<double[]>();
        var failed = 0;
        foreach (var seed in panelRows.GroupBy(r => (r.Repetition, r.DataSeed)))
        {
            var found = seed.Where(r => r.Kind == Running.CaseKind.Search && r.SearchStatus == SearchStatus.Converged && r.IsUsable)
                .MinBy(r => r.FlatnessMin);
            var rho = seed.Where(r => r.IsRho && r.IsUsable).ToList();
            if (found is null || rho.Count == 0)
            {
                if (seed.Any(r => r.Kind == Running.CaseKind.Search)) failed++;
                continue;
            }
            seeds.Add([found.PopulationLoss, rho.Min(r => r.PopulationLoss), found.SignalPower + found.NoiseVariance,
                found.ReferencePopulationLoss, found.FlatnessMin, found.FlatnessMin / found.FlatnessOverLowerBound]);
        }
        return (seeds, failed);
    }

    public static PanelStatistics Analyze(IReadOnlyList<CaseResult> panelRows, StatisticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(panelRows);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (panelRows.Count == 0) throw new ArgumentException("Search statistics need rows.", nameof(panelRows));
        var panel = panelRows[0].Panel;
        if (panelRows.Any(r => r.Panel != panel)) throw new ArgumentException($"Rows of several panels are mixed with '{panel}'.", nameof(panelRows));
        var (seeds, failed) = Seeds(panelRows);
        var point = Statistics(seeds, Enumerable.Range(0, seeds.Count).ToArray());
        var random = new RandomSource(RandomSource.DeriveSeed(settings.Seed, "search-bootstrap/" + panel));
        var replicates = new double[seeds.Count == 0 ? 0 : settings.Resamples][];
        var pick = new int[seeds.Count];
        for (var b = 0; b < replicates.Length; b++)
        {
            for (var i = 0; i < pick.Length; i++) pick[i] = (int)(random.NextDouble() * seeds.Count);
            replicates[b] = Statistics(seeds, pick);
        }
        var searches = panelRows.Where(r => r.Kind == Running.CaseKind.Search).ToList();
        var converged = searches.Count(r => r.SearchStatus == SearchStatus.Converged);
        var estimates = new List<StatisticEstimate>();
        foreach (var (name, index) in new[] { (StatisticNames.SearchLossOverRhoBest, OverRhoBest), (StatisticNames.SearchLossOverTrivial, OverTrivial),
                     (StatisticNames.SearchLossOverReference, OverReference), (StatisticNames.SearchFlatnessOverLowerBound, OverLowerBound) })
        {
            var values = replicates.Select(r => r[index]).Where(double.IsFinite).ToArray();
            Array.Sort(values);
            var defined = double.IsFinite(point[index]) && values.Length > 0 && 2 * values.Length >= replicates.Length;
            var alpha = 1 - settings.Level;
            estimates.Add(new StatisticEstimate(name, StatisticsSettings.FullRange, point[index],
                defined ? SeedClusterBootstrap.Quantile(values, alpha / 2) : double.NaN,
                defined ? SeedClusterBootstrap.Quantile(values, 1 - alpha / 2) : double.NaN,
                settings.Level, seeds.Count, seeds.Count, failed, values.Length));
        }
        // The share converged is a count, not an estimate: no interval.
        estimates.Add(new StatisticEstimate(StatisticNames.SearchConvergedShare, StatisticsSettings.FullRange,
            searches.Count == 0 ? double.NaN : (double)converged / searches.Count, double.NaN, double.NaN, settings.Level,
            seeds.Count, searches.Count, searches.Count - converged, 0));
        var verdicts = VerdictRule.SearchClaims
            .Select(c => VerdictRule.Judge(c, estimates.First(e => e.Statistic == VerdictRule.StatisticOf(c).Statistic))).ToList();
        return new PanelStatistics(panel, panelRows[0].Figure, searches.Count, searches.Count - converged, estimates, verdicts);
    }

    /// <summary>Ratios of means over the picked seeds (with repeats); NaN where a denominator is not positive or a value is missing.</summary>
    private static double[] Statistics(List<double[]> seeds, int[] pick)
    {
        var result = new double[Count];
        if (pick.Length == 0)
        {
            Array.Fill(result, double.NaN);
            return result;
        }
        double Mean(int column) => pick.Average(i => seeds[i][column]);
        double Ratio(double a, double b) => double.IsFinite(a) && double.IsFinite(b) && b > 0 ? a / b : double.NaN;
        var found = Mean(0);
        result[OverRhoBest] = Ratio(found, Mean(1));
        result[OverTrivial] = Ratio(found, Mean(2));
        result[OverReference] = Ratio(found, Mean(3));
        result[OverLowerBound] = Ratio(Mean(4), Mean(5));
        return result;
    }
}
