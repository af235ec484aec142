using FlatLab.Experiments.Results;
using FlatLab.Randomness;

namespace FlatLab.Experiments.Analysis;

/// <summary>
/// Per-panel statistics with seed-cluster bootstrap intervals (docs/statistics.md). The ρ rows of one
/// seed share one dataset, so they are not independent: the bootstrap resamples seeds with
/// replacement, each carrying all its usable ρ rows, recomputes every statistic on the resample, and
/// reports percentile intervals. Rows that are not usable are left out of every statistic and counted.
/// The resampling stream is forked from <see cref="StatisticsSettings.Seed"/> and the panel's name, so
/// a panel's intervals do not depend on the other panels or on the order they are analysed in.
/// </summary>
public static class SeedClusterBootstrap
{
    // Indices into the statistic vector of one (re)sample, in the order of the estimates.
    private const int SpearmanAll = 0, SpearmanRestricted = 1, WithinRho = 2, RhoStar = 3, LossRatio = 4, Trivial = 5, Noise = 6, Count = 7;

    /// <summary>Statistics of every panel's ρ rows, in the order the panels first appear (by case index).</summary>
    public static IReadOnlyList<PanelStatistics> AnalyzeSweep(IReadOnlyList<CaseResult> rows, StatisticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        return rows.Where(r => r.IsRho).OrderBy(r => r.CaseIndex).GroupBy(r => r.Panel)
            .Select(g => Analyze(g.ToList(), settings)).ToList();
    }

    /// <summary>Statistics of one panel; rows other than ρ cases are ignored. All rows must belong to one panel.</summary>
    public static PanelStatistics Analyze(IReadOnlyList<CaseResult> panelRows, StatisticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(panelRows);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var rows = panelRows.Where(r => r.IsRho).OrderBy(r => r.CaseIndex).ToList();
        if (rows.Count == 0) throw new ArgumentException("Panel statistics need at least one ρ row.", nameof(panelRows));
        var panel = rows[0].Panel;
        var other = rows.FirstOrDefault(r => r.Panel != panel);
        if (other is not null) throw new ArgumentException($"Rows of panels '{panel}' and '{other.Panel}' are mixed.", nameof(panelRows));

        var data = PanelData.From(rows, settings.RestrictedRhoMin);
        var point = data.Statistics(Enumerable.Range(0, data.Clusters.Count).ToArray());
        var replicates = Resample(data, settings, panel);

        var restricted = settings.RestrictedRange;
        var all = StatisticsSettings.FullRange;
        (string Name, string Range, int Index)[] layout =
        [
            (StatisticNames.Spearman, all, SpearmanAll),
            (StatisticNames.Spearman, restricted, SpearmanRestricted),
            (StatisticNames.WithinRhoSpearman, all, WithinRho),
            (StatisticNames.RhoStar, all, RhoStar),
            (StatisticNames.LossRatio, all, LossRatio),
            (StatisticNames.LossOverTrivial, all, Trivial),
            (StatisticNames.LossOverNoise, all, Noise),
        ];
        var estimates = new List<StatisticEstimate>();
        foreach (var (name, range, index) in layout)
        {
            var isRestricted = range != all;
            var (lower, upper, defined) = Percentiles(replicates, index, point[index], settings.Level);
            estimates.Add(new StatisticEstimate(name, range, point[index], lower, upper, settings.Level,
                isRestricted ? data.RestrictedSeeds : data.Clusters.Count,
                isRestricted ? data.RestrictedUsable : data.Usable,
                isRestricted ? data.RestrictedFailed : rows.Count - data.Usable,
                defined));
        }
        return new PanelStatistics(panel, rows[0].Figure, rows.Count, rows.Count - data.Usable, estimates, VerdictRule.JudgeAll(estimates));
    }

    /// <summary>The statistic vectors of B resamples of the seeds (empty without seeds).</summary>
    private static double[][] Resample(PanelData data, StatisticsSettings settings, string panel)
    {
        var seeds = data.Clusters.Count;
        if (seeds == 0) return [];
        var random = new RandomSource(RandomSource.DeriveSeed(settings.Seed, "bootstrap/" + panel));
        var replicates = new double[settings.Resamples][];
        var pick = new int[seeds];
        for (var b = 0; b < settings.Resamples; b++)
        {
            for (var i = 0; i < seeds; i++) pick[i] = (int)(random.NextDouble() * seeds);
            replicates[b] = data.Statistics(pick);
        }
        return replicates;
    }

    /// <summary>
    /// The percentile interval of statistic <paramref name="index"/> over the resamples where it is
    /// defined, and how many those are. NaN when the point estimate is undefined or fewer than half of
    /// the resamples define it (an interval over a minority of resamples would be biased toward them).
    /// </summary>
    private static (double Lower, double Upper, int Defined) Percentiles(double[][] replicates, int index, double point, double level)
    {
        var values = replicates.Select(r => r[index]).Where(double.IsFinite).ToArray();
        if (double.IsNaN(point) || values.Length == 0 || 2 * values.Length < replicates.Length)
            return (double.NaN, double.NaN, values.Length);
        Array.Sort(values);
        var alpha = 1 - level;
        return (Quantile(values, alpha / 2), Quantile(values, 1 - alpha / 2), values.Length);
    }

    /// <summary>The q-quantile of sorted values by linear interpolation between order statistics (Hyndman–Fan type 7).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0) throw new ArgumentException("No values.", nameof(sorted));
        if (!(q >= 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "Must lie in [0, 1].");
        var h = (sorted.Count - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>One seed's usable rows: index into the panel's ρ grid, F_min, loss, trivial loss, noise variance.</summary>
    private sealed record Cluster(int[] RhoIndex, double[] Flatness, double[] Loss, double[] TrivialLoss, double[] NoiseVariance);

    private sealed class PanelData
    {
        public required double[] Rhos { get; init; }
        public required bool[] InRestricted { get; init; }
        public required List<Cluster> Clusters { get; init; }
        public required int Usable { get; init; }
        public required int RestrictedUsable { get; init; }
        public required int RestrictedFailed { get; init; }
        public required int RestrictedSeeds { get; init; }

        // Scratch for one resample's pooled rows (a resample holds at most seeds × the largest cluster).
        private double[] _f = [], _l = [];

        public static PanelData From(List<CaseResult> rows, double cut)
        {
            var rhos = rows.Select(r => r.Rho).Distinct().Order().ToArray();
            var position = rhos.Select((rho, i) => (rho, i)).ToDictionary(p => p.rho, p => p.i);
            var usable = rows.Where(r => r.IsUsable).ToList();
            // A seed is the set of rows that share one dataset: the same repetition and data seed. The rows
            // are in case order, so the seeds are too (in the order of their first case).
            var clusters = usable.GroupBy(r => (r.Repetition, r.DataSeed))
                .Select(g => new Cluster(
                    g.Select(r => position[r.Rho]).ToArray(),
                    g.Select(r => r.FlatnessMin).ToArray(),
                    g.Select(r => r.PopulationLoss).ToArray(),
                    g.Select(r => r.SignalPower + r.NoiseVariance).ToArray(),
                    g.Select(r => r.NoiseVariance).ToArray()))
                .ToList();
            var inRestricted = rhos.Select(rho => rho >= cut).ToArray();
            var restrictedUsable = usable.Count(r => r.Rho >= cut);
            return new PanelData
            {
                Rhos = rhos,
                InRestricted = inRestricted,
                Clusters = clusters,
                Usable = usable.Count,
                RestrictedUsable = restrictedUsable,
                RestrictedFailed = rows.Count(r => r.Rho >= cut) - restrictedUsable,
                RestrictedSeeds = clusters.Count(c => c.RhoIndex.Any(j => inRestricted[j])),
            };
        }

        /// <summary>Every statistic on the seeds <paramref name="pick"/> (with repeats), in the order of the index constants.</summary>
        public double[] Statistics(int[] pick)
        {
            var result = new double[Count];
            result[SpearmanAll] = PooledSpearman(pick, restricted: false);
            result[SpearmanRestricted] = PooledSpearman(pick, restricted: true);
            result[WithinRho] = WithinRhoSpearman(pick);
            SeedAveraged(pick, result);
            return result;
        }

        private double PooledSpearman(int[] pick, bool restricted)
        {
            var n = 0;
            foreach (var s in pick)
            {
                var c = Clusters[s];
                for (var i = 0; i < c.RhoIndex.Length; i++)
                {
                    if (restricted && !InRestricted[c.RhoIndex[i]]) continue;
                    Add(ref n, c.Flatness[i], c.Loss[i]);
                }
            }
            return SpearmanCorrelation.Rho(_f.AsSpan(0, n), _l.AsSpan(0, n));
        }

        private void Add(ref int n, double f, double l)
        {
            if (n == _f.Length)
            {
                Array.Resize(ref _f, Math.Max(16, 2 * n));
                Array.Resize(ref _l, _f.Length);
            }
            _f[n] = f;
            _l[n] = l;
            n++;
        }

        /// <summary>At each ρ, Spearman across the picked seeds (at least three rows); the mean over the ρ where it is defined.</summary>
        private double WithinRhoSpearman(int[] pick)
        {
            double sum = 0;
            var defined = 0;
            for (var j = 0; j < Rhos.Length; j++)
            {
                var n = 0;
                foreach (var s in pick)
                {
                    var c = Clusters[s];
                    for (var i = 0; i < c.RhoIndex.Length; i++)
                        if (c.RhoIndex[i] == j) Add(ref n, c.Flatness[i], c.Loss[i]);
                }
                if (n < 3) continue;
                var rho = SpearmanCorrelation.Rho(_f.AsSpan(0, n), _l.AsSpan(0, n));
                if (double.IsNaN(rho)) continue;
                sum += rho;
                defined++;
            }
            return defined == 0 ? double.NaN : sum / defined;
        }

        /// <summary>ρ*, L(ρ*)/L_best, L(ρ*)/trivial and L(ρ*)/noise on the seed-averaged curves (means per ρ over the picked rows).</summary>
        private void SeedAveraged(int[] pick, double[] result)
        {
            var n = Rhos.Length;
            var count = new int[n];
            var f = new double[n];
            var l = new double[n];
            var t = new double[n];
            var v = new double[n];
            foreach (var s in pick)
            {
                var c = Clusters[s];
                for (var i = 0; i < c.RhoIndex.Length; i++)
                {
                    var j = c.RhoIndex[i];
                    count[j]++;
                    f[j] += c.Flatness[i];
                    l[j] += c.Loss[i];
                    t[j] += c.TrivialLoss[i];
                    v[j] += c.NoiseVariance[i];
                }
            }
            int star = -1, best = -1;
            for (var j = 0; j < n; j++)
            {
                if (count[j] == 0) continue;
                // Ties go to the smaller ρ (the first), as in FlattestChoice.
                if (star < 0 || f[j] / count[j] < f[star] / count[star]) star = j;
                if (best < 0 || l[j] / count[j] < l[best] / count[best]) best = j;
            }
            if (star < 0)
            {
                result[RhoStar] = result[LossRatio] = result[Trivial] = result[Noise] = double.NaN;
                return;
            }
            var lossStar = l[star] / count[star];
            result[RhoStar] = Rhos[star];
            result[LossRatio] = lossStar / (l[best] / count[best]);
            result[Trivial] = Ratio(lossStar, t[star] / count[star]);
            result[Noise] = Ratio(lossStar, v[star] / count[star]);
        }

        /// <summary>a / b where b is a positive finite scale; NaN otherwise (e.g. no noise, no floor to compare with).</summary>
        private static double Ratio(double a, double b) => double.IsFinite(b) && b > 0 ? a / b : double.NaN;
    }
}
