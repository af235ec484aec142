using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Specs;
using FlatLab.Randomness;
using FlatLab.Training;

namespace FlatLab.Experiments.Analysis;

/// <summary>
/// Seed-cluster bootstrap statistics of a sweep's optimizer runs (docs/optimizers/README.md, docs/statistics.md):
/// per run, the seed means of F_min over the flattest interpolator for the run's own directions, F_min over the
/// least F_min the seed's searches reached, the population loss and the alignment over its random level; pooled
/// over runs, whether the feature-learning (mean-field) runs end closer to the searched flattest interpolator
/// than the lazy (standard) ones, and the Spearman correlation of F_min and population loss. The runs of one
/// seed share one dataset, so seeds are resampled with all their rows. Only interpolating runs (training loss
/// below their threshold) count; the others are counted as failed.
/// </summary>
public static class OptimizerStatistics
{
    /// <summary>The range label of the statistics pooled over runs.</summary>
    public const string PooledRange = "optimizers";

    /// <summary>The range label of the regime comparison.</summary>
    public const string RegimeRange = "mean-field/standard";

    /// <summary>The figure label of optimizer statistics in stats.csv.</summary>
    public const string Figure = "optimizers";

    /// <summary>The range label of one run's statistics.</summary>
    public static string RunRange(string run) => "run=" + run;

    /// <summary>Per panel with optimizer rows, in the order the panels first appear.</summary>
    /// <param name="spec">The run's spec, for each run's parameterisation; without it there is no regime comparison.</param>
    public static IReadOnlyList<PanelStatistics> AnalyzeSweep(IReadOnlyList<CaseResult> rows, SweepSpec? spec, StatisticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var meanField = spec?.Optimizers.Where(o => o.Parameterization == Parameterization.MeanField).Select(o => o.Name).ToHashSet();
        var standard = spec?.Optimizers.Where(o => o.Parameterization == Parameterization.Standard).Select(o => o.Name).ToHashSet();
        return rows.Where(r => r.Kind is CaseKind.Train or CaseKind.Search).OrderBy(r => r.CaseIndex).GroupBy(r => r.Panel)
            .Where(g => g.Any(r => r.Kind == CaseKind.Train))
            .Select(g => Analyze(g.ToList(), meanField, standard, settings)).ToList();
    }

    private static PanelStatistics Analyze(List<CaseResult> rows, HashSet<string>? meanField, HashSet<string>? standard, StatisticsSettings settings)
    {
        var panel = rows[0].Panel;
        var train = rows.Where(r => r.Kind == CaseKind.Train).ToList();
        var runs = train.Select(r => r.Variant).Distinct().ToList();
        var runIndex = runs.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);
        bool Counts(CaseResult r) => r.IsUsable && r.InterpolationStep >= 0 && double.IsFinite(r.FlattestFlatnessMin);
        var clusters = rows.GroupBy(r => (r.Repetition, r.DataSeed)).Select(g =>
        {
            var searches = g.Where(r => r.Kind == CaseKind.Search && r.IsUsable).Select(r => r.FlatnessMin).Where(double.IsFinite).ToList();
            var search = searches.Count > 0 ? searches.Min() : double.NaN;
            var usable = g.Where(r => r.Kind == CaseKind.Train && Counts(r)).ToList();
            return new Cluster(
                usable.Select(r => runIndex[r.Variant]).ToArray(),
                usable.Select(r => r.FlatnessMin).ToArray(),
                usable.Select(r => r.FlatnessMin / r.FlattestFlatnessMin).ToArray(),
                usable.Select(r => r.FlatnessMin / search).ToArray(),
                usable.Select(r => r.PopulationLoss).ToArray(),
                usable.Select(r => r.AlignmentMean / r.AlignmentRandom).ToArray(),
                usable.Select(r => meanField?.Contains(r.Variant) == true ? 1 : standard?.Contains(r.Variant) == true ? 0 : -1).ToArray());
        }).Where(c => c.Run.Length > 0).ToList();

        var layout = new List<(string Statistic, string Range)>();
        foreach (var run in runs)
        {
            var range = RunRange(run);
            layout.Add((StatisticNames.FlatnessRatio, range));
            layout.Add((StatisticNames.FlatnessOverSearch, range));
            layout.Add((StatisticNames.PopulationLoss, range));
            layout.Add((StatisticNames.AlignmentOverRandom, range));
        }
        layout.Add((StatisticNames.ClosenessRatio, RegimeRange));
        layout.Add((StatisticNames.RegimeLossRatio, RegimeRange));
        layout.Add((StatisticNames.Spearman, PooledRange));
        layout.Add((StatisticNames.AlignmentClosenessSpearman, PooledRange));

        double[] Statistics(int[] pick)
        {
            var values = new double[layout.Count];
            var k = 0;
            for (var v = 0; v < runs.Count; v++)
            {
                values[k++] = Mean(pick, clusters, c => c.FlatnessRatio, v);
                values[k++] = Mean(pick, clusters, c => c.OverSearch, v);
                values[k++] = Mean(pick, clusters, c => c.Loss, v);
                values[k++] = Mean(pick, clusters, c => c.Alignment, v);
            }
            values[k++] = RegimeMean(pick, clusters, c => c.OverSearch, 1) / RegimeMean(pick, clusters, c => c.OverSearch, 0);
            values[k++] = RegimeMean(pick, clusters, c => c.Loss, 1) / RegimeMean(pick, clusters, c => c.Loss, 0);
            values[k++] = Pooled(pick, clusters, c => c.Flatness, c => c.Loss);
            values[k] = Pooled(pick, clusters, c => c.Alignment, c => c.OverSearch);
            return values;
        }

        var point = Statistics(Enumerable.Range(0, clusters.Count).ToArray());
        var replicates = new double[clusters.Count == 0 ? 0 : settings.Resamples][];
        var random = new RandomSource(RandomSource.DeriveSeed(settings.Seed, "bootstrap-optimizers/" + panel));
        var draw = new int[clusters.Count];
        for (var b = 0; b < replicates.Length; b++)
        {
            for (var i = 0; i < draw.Length; i++) draw[i] = (int)(random.NextDouble() * draw.Length);
            replicates[b] = Statistics(draw);
        }

        var usableRows = clusters.Sum(c => c.Run.Length);
        var estimates = new List<StatisticEstimate>();
        for (var s = 0; s < layout.Count; s++)
        {
            var (statistic, range) = layout[s];
            var (lower, upper, defined) = Interval(replicates, s, point[s], settings.Level);
            int seeds, used;
            if (range.StartsWith("run=", StringComparison.Ordinal))
            {
                var v = runIndex[range[4..]];
                seeds = clusters.Count(c => c.Run.Contains(v));
                used = clusters.Sum(c => c.Run.Count(x => x == v));
            }
            else
            {
                seeds = clusters.Count;
                used = usableRows;
            }
            var total = range.StartsWith("run=", StringComparison.Ordinal) ? train.Count(r => RunRange(r.Variant) == range) : train.Count;
            estimates.Add(new StatisticEstimate(statistic, range, point[s], lower, upper, settings.Level, seeds, used, total - used, defined));
        }
        var verdicts = VerdictRule.OptimizerClaims
            .Select(claim => (claim, estimate: estimates.First(e => e.Statistic == VerdictRule.StatisticOf(claim).Statistic
                && e.Range == (claim == ClaimKind.FeatureLearningCloserToFlattest ? RegimeRange : PooledRange))))
            .Select(p => VerdictRule.Judge(p.claim, p.estimate)).ToList();
        return new PanelStatistics(panel, Figure, train.Count, train.Count - usableRows, estimates, verdicts);
    }

    /// <summary>One seed's interpolating optimizer rows: run index, F_min, the two ratios, loss, alignment / random, regime (1 mean-field, 0 standard, −1 other).</summary>
    private sealed record Cluster(int[] Run, double[] Flatness, double[] FlatnessRatio, double[] OverSearch, double[] Loss, double[] Alignment, int[] Regime);

    private static double Mean(int[] pick, List<Cluster> clusters, Func<Cluster, double[]> value, int run) =>
        MeanWhere(pick, clusters, value, (c, i) => c.Run[i] == run);

    private static double RegimeMean(int[] pick, List<Cluster> clusters, Func<Cluster, double[]> value, int regime) =>
        MeanWhere(pick, clusters, value, (c, i) => c.Regime[i] == regime);

    /// <summary>The mean of the finite values of the picked seeds' rows that <paramref name="include"/> keeps.</summary>
    private static double MeanWhere(int[] pick, List<Cluster> clusters, Func<Cluster, double[]> value, Func<Cluster, int, bool> include)
    {
        double sum = 0;
        var count = 0;
        foreach (var s in pick)
        {
            var c = clusters[s];
            var values = value(c);
            for (var i = 0; i < c.Run.Length; i++)
                if (include(c, i) && double.IsFinite(values[i]))
                {
                    sum += values[i];
                    count++;
                }
        }
        return count == 0 ? double.NaN : sum / count;
    }

    private static double Pooled(int[] pick, List<Cluster> clusters, Func<Cluster, double[]> x, Func<Cluster, double[]> y)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        foreach (var s in pick)
        {
            var c = clusters[s];
            var (a, b) = (x(c), y(c));
            for (var i = 0; i < c.Run.Length; i++)
                if (double.IsFinite(a[i]) && double.IsFinite(b[i]))
                {
                    xs.Add(a[i]);
                    ys.Add(b[i]);
                }
        }
        return xs.Count < 3 ? double.NaN : SpearmanCorrelation.Rho(xs.ToArray(), ys.ToArray());
    }

    /// <summary>The percentile interval over the resamples where the statistic is defined (NaN as in <see cref="SeedClusterBootstrap"/>).</summary>
    private static (double Lower, double Upper, int Defined) Interval(double[][] replicates, int index, double point, double level)
    {
        var values = replicates.Select(r => r[index]).Where(double.IsFinite).ToArray();
        if (double.IsNaN(point) || values.Length == 0 || 2 * values.Length < replicates.Length) return (double.NaN, double.NaN, values.Length);
        Array.Sort(values);
        var alpha = 1 - level;
        return (SeedClusterBootstrap.Quantile(values, alpha / 2), SeedClusterBootstrap.Quantile(values, 1 - alpha / 2), values.Length);
    }
}
