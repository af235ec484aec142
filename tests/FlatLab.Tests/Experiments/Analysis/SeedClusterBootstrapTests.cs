using FlatLab.Experiments.Analysis;
using FlatLab.Experiments.Results;
using FlatLab.Randomness;

namespace FlatLab.Tests.Experiments.Analysis;

public class SeedClusterBootstrapTests
{
    private static readonly StatisticsSettings Quick = new() { Resamples = 400, Seed = 11 };

    /// <summary>
    /// 2 usable seeds × 3 ρ, numbers by hand, plus a third seed whose only row (ρ = 0.1) failed:
    ///   ρ = 0.1: (F, L) = (10, 0.50) and (14, 0.70)   means (12, 0.60)
    ///   ρ = 0.3: (F, L) = ( 8, 0.30) and ( 9, 0.20)   means (8.5, 0.25)
    ///   ρ = 0.9: (F, L) = ( 7, 0.40) and (13, 0.10)   means (10, 0.25)
    /// </summary>
    private static List<CaseResult> HandMade() =>
    [
        BootstrapPanels.Row("h", 0, 0, 0.1, 10, 0.50),
        BootstrapPanels.Row("h", 1, 0, 0.3, 8, 0.30),
        BootstrapPanels.Row("h", 2, 0, 0.9, 7, 0.40),
        BootstrapPanels.Row("h", 3, 1, 0.1, 14, 0.70),
        BootstrapPanels.Row("h", 4, 1, 0.3, 9, 0.20),
        BootstrapPanels.Row("h", 5, 1, 0.9, 13, 0.10),
        BootstrapPanels.Failed("h", 6, 2, 0.1),
    ];

    [Fact]
    public void Given_a_hand_made_panel_When_analysed_Then_the_point_estimates_are_the_hand_computed_ones()
    {
        var s = SeedClusterBootstrap.Analyze(HandMade(), Quick);
        Assert.Equal((7, 1), (s.Total, s.Failed));

        // All ρ: F ranks (4, 2, 1, 6, 3, 5), L ranks (5, 3, 4, 6, 2, 1): Σd² = 28, 1 − 6·28/(6·35) = 0.2.
        var all = s.Find(StatisticNames.Spearman)!;
        Assert.Equal(0.2, all.Point, 12);
        Assert.Equal((2, 6, 1), (all.Seeds, all.Rows, all.Failed));
        // ρ ≥ 0.2: F (8, 7, 9, 13) and L (0.3, 0.4, 0.2, 0.1) are in exactly reversed order.
        var restricted = s.Find(StatisticNames.Spearman, "rho>=0.2")!;
        Assert.Equal(-1.0, restricted.Point, 12);
        Assert.Equal((2, 4, 0), (restricted.Seeds, restricted.Rows, restricted.Failed));
        // Two seeds per ρ: the within-ρ correlation needs three.
        Assert.True(double.IsNaN(s.Find(StatisticNames.WithinRhoSpearman)!.Point));
        // Seed-averaged F is smallest at ρ = 0.3 (8.5), where the mean loss 0.25 ties the best.
        Assert.Equal(0.3, s.Find(StatisticNames.RhoStar)!.Point);
        Assert.Equal(1.0, s.Find(StatisticNames.LossRatio)!.Point, 12);
        Assert.Equal(0.25 / 1.01, s.Find(StatisticNames.LossOverTrivial)!.Point, 12);
        Assert.Equal(25.0, s.Find(StatisticNames.LossOverNoise)!.Point, 12);
    }

    [Fact]
    public void Given_four_seeds_at_two_rho_When_analysed_Then_the_within_rho_correlation_is_the_mean_of_the_per_rho_ones()
    {
        // ρ = 0.5: L in the order of F (Spearman 1); ρ = 0.7: the last two swapped (1 − 6·2/(4·15) = 0.8).
        double[] f = [1, 2, 3, 4];
        double[][] l = [[1, 2, 3, 4], [1, 2, 4, 3]];
        double[] rhos = [0.5, 0.7];
        var rows = new List<CaseResult>();
        for (var s = 0; s < 4; s++)
            for (var j = 0; j < 2; j++)
                rows.Add(BootstrapPanels.Row("w", rows.Count, s, rhos[j], f[s] + j, l[j][s]));
        var within = SeedClusterBootstrap.Analyze(rows, Quick).Find(StatisticNames.WithinRhoSpearman)!;
        Assert.Equal(0.9, within.Point, 12);
        Assert.InRange(within.Lower, -1, within.Upper);
        Assert.InRange(within.Upper, within.Lower, 1);
    }

    [Fact]
    public void Given_a_worse_flattest_rho_When_analysed_Then_the_loss_ratio_is_its_mean_loss_over_the_best_mean_loss()
    {
        // Every seed is flattest at ρ = 0.2 (loss 0.4 + s/100) and best at ρ = 0.6 (loss 0.1 + s/100).
        var rows = new List<CaseResult>();
        for (var s = 0; s < 6; s++)
        {
            rows.Add(BootstrapPanels.Row("r", rows.Count, s, 0.2, 5, 0.4 + s / 100.0, signalPower: 0.3, noiseVariance: 0.04));
            rows.Add(BootstrapPanels.Row("r", rows.Count, s, 0.6, 9, 0.1 + s / 100.0, signalPower: 0.3, noiseVariance: 0.04));
        }
        var p = SeedClusterBootstrap.Analyze(rows, Quick);
        var ratio = p.Find(StatisticNames.LossRatio)!;
        Assert.Equal(0.425 / 0.125, ratio.Point, 12);
        // Every resample keeps ρ* = 0.2, and its ratio (0.4 + x)/(0.1 + x) lies between the extreme seeds'.
        Assert.Equal((0.2, 0.2), (p.Find(StatisticNames.RhoStar)!.Lower, p.Find(StatisticNames.RhoStar)!.Upper));
        Assert.InRange(ratio.Lower, 0.45 / 0.15, ratio.Point);
        Assert.InRange(ratio.Upper, ratio.Point, 4.0);
        Assert.Equal(0.425 / 0.34, p.Find(StatisticNames.LossOverTrivial)!.Point, 12);
        Assert.Equal(0.425 / 0.04, p.Find(StatisticNames.LossOverNoise)!.Point, 12);
    }

    [Fact]
    public void Given_two_panels_differing_only_below_the_cut_When_analysed_Then_the_restricted_statistic_is_bit_identical()
    {
        // Given: the same rows at ρ ≥ 0.2; below the cut one panel has L rising with F, the other falling.
        double[] rhos = [0.05, 0.1, 0.3, 0.5, 0.7];
        List<CaseResult> Panel(double sign)
        {
            var random = new RandomSource(5);
            var rows = new List<CaseResult>();
            for (var s = 0; s < 8; s++)
                foreach (var rho in rhos)
                {
                    var (f, l) = BootstrapPanels.Pair(random, 0.5);
                    rows.Add(BootstrapPanels.Row("cut", rows.Count, s, rho, 10 + f, rho < 0.2 ? 5 + sign * f : 5 + l));
                }
            return rows;
        }
        // When
        var up = SeedClusterBootstrap.Analyze(Panel(+1), Quick);
        var down = SeedClusterBootstrap.Analyze(Panel(-1), Quick);
        // Then: the restricted Spearman, its interval and counts are the same bits; the full-range ones differ.
        var (a, b) = (up.Find(StatisticNames.Spearman, "rho>=0.2")!, down.Find(StatisticNames.Spearman, "rho>=0.2")!);
        Assert.Equal(Bits(a), Bits(b));
        Assert.Equal((8, 24, 0), (a.Seeds, a.Rows, a.Failed));
        Assert.NotEqual(up.Find(StatisticNames.Spearman)!.Point, down.Find(StatisticNames.Spearman)!.Point);
        Assert.Equal(40, up.Find(StatisticNames.Spearman)!.Rows);
    }

    [Fact]
    public void Given_a_custom_cut_When_analysed_Then_the_range_label_and_row_count_follow_it()
    {
        var rows = BootstrapPanels.Clustered("c", new RandomSource(3), 6, [0.1, 0.4, 0.6, 0.8], 0.5, 0.5);
        var p = SeedClusterBootstrap.Analyze(rows, Quick with { RestrictedRhoMin = 0.6 });
        var restricted = p.Find(StatisticNames.Spearman, "rho>=0.6")!;
        Assert.Equal(12, restricted.Rows);
        var expected = SpearmanCorrelation.Compute(
            rows.Where(r => r.Rho >= 0.6).Select(r => r.FlatnessMin).ToList(),
            rows.Where(r => r.Rho >= 0.6).Select(r => r.PopulationLoss).ToList()).Rho;
        Assert.Equal(expected, restricted.Point, 14);
    }

    [Fact]
    public void Given_the_same_seed_When_analysed_twice_or_from_shuffled_rows_Then_every_interval_has_the_same_bits()
    {
        var rows = BootstrapPanels.Clustered("d", new RandomSource(21), 7, [0.1, 0.3, 0.6], 0.3, 0.6);
        rows.Add(BootstrapPanels.Failed("d", rows.Count, 3, 0.45));
        var shuffled = rows.OrderBy(r => RandomSource.DeriveSeed(9, r.CaseKey)).ToList();
        var first = SeedClusterBootstrap.Analyze(rows, Quick);
        var again = SeedClusterBootstrap.Analyze(rows, Quick);
        var fromShuffled = SeedClusterBootstrap.Analyze(shuffled, Quick);
        Assert.Equal(first.Estimates.Select(Bits), again.Estimates.Select(Bits));
        Assert.Equal(first.Estimates.Select(Bits), fromShuffled.Estimates.Select(Bits));
        // Another seed gives another resampling stream.
        var other = SeedClusterBootstrap.Analyze(rows, Quick with { Seed = 12 });
        Assert.NotEqual(first.Find(StatisticNames.Spearman)!.Lower, other.Find(StatisticNames.Spearman)!.Lower);
    }

    [Fact]
    public void Given_a_sweep_of_two_panels_When_analysed_together_or_alone_Then_each_panel_gets_the_same_bits()
    {
        var a = BootstrapPanels.Clustered("a", new RandomSource(1), 6, [0.2, 0.5], 0.5, 0.5);
        var b = BootstrapPanels.Clustered("b", new RandomSource(2), 6, [0.2, 0.5], 0.5, 0.5)
            .Select(r => r with { CaseIndex = r.CaseIndex + 100 }).ToList();
        var both = SeedClusterBootstrap.AnalyzeSweep([.. a, .. b], Quick);
        Assert.Equal(["a", "b"], both.Select(p => p.Panel));
        Assert.Equal(SeedClusterBootstrap.Analyze(b, Quick).Estimates.Select(Bits), both[1].Estimates.Select(Bits));
    }

    [Fact]
    public void Given_failed_rows_When_analysed_Then_they_are_counted_per_range_and_left_out()
    {
        var rows = BootstrapPanels.Clustered("f", new RandomSource(8), 5, [0.1, 0.3, 0.6], 0.5, 0.5);
        var withFailures = rows.Concat([
            BootstrapPanels.Failed("f", 100, 0, 0.1), BootstrapPanels.Failed("f", 101, 1, 0.6), BootstrapPanels.Failed("f", 102, 9, 0.6)]).ToList();
        var p = SeedClusterBootstrap.Analyze(withFailures, Quick);
        Assert.Equal((18, 3), (p.Total, p.Failed));
        Assert.Equal((5, 15, 3), (p.Find(StatisticNames.Spearman)!.Seeds, p.Find(StatisticNames.Spearman)!.Rows, p.Find(StatisticNames.Spearman)!.Failed));
        Assert.Equal((10, 2), (p.Find(StatisticNames.Spearman, "rho>=0.2")!.Rows, p.Find(StatisticNames.Spearman, "rho>=0.2")!.Failed));
        // Left out: the point estimates are those of the usable rows alone.
        Assert.Equal(Bits(SeedClusterBootstrap.Analyze(rows, Quick).Find(StatisticNames.Spearman)!) with { Failed = 0 },
            Bits(p.Find(StatisticNames.Spearman)!) with { Failed = 0 });
    }

    /// <summary>
    /// Coverage: 400 replications of a clustered panel (20 seeds × 8 ρ, a seed effect carrying half the
    /// variance) whose population Spearman is known, (6/π) asin(r/2) with r = 0.5. The 90% percentile
    /// interval must contain it in 90% of the replications, within ±3.3 binomial standard deviations
    /// (√(0.9·0.1/400) = 0.015). The shared seed effect makes the variance of a mean 1 + 7·0.5 = 4.5
    /// times that of 160 independent rows, which a row bootstrap would assume.
    /// </summary>
    [Fact]
    public void Given_synthetic_panels_with_a_known_spearman_When_bootstrapped_Then_the_90_percent_interval_covers_it_at_its_nominal_rate()
    {
        const int replications = 400;
        var truth = 6 / Math.PI * Math.Asin(0.5 / 2);
        double[] rhos = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
        var settings = new StatisticsSettings { Resamples = 400, Level = 0.90 };
        var covered = 0;
        var coveredRestricted = 0;
        for (var rep = 0; rep < replications; rep++)
        {
            var rows = BootstrapPanels.Clustered("cov", new RandomSource(RandomSource.DeriveSeed(2026, $"rep{rep}")), 20, rhos, 0.7, 0.3);
            var p = SeedClusterBootstrap.Analyze(rows, settings with { Seed = (ulong)rep });
            var all = p.Find(StatisticNames.Spearman)!;
            var restricted = p.Find(StatisticNames.Spearman, "rho>=0.2")!;
            if (all.Lower <= truth && truth <= all.Upper) covered++;
            if (restricted.Lower <= truth && truth <= restricted.Upper) coveredRestricted++;
        }
        var band = 3.3 * Math.Sqrt(0.9 * 0.1 / replications);
        Assert.InRange(covered / (double)replications, 0.9 - band, 0.9 + band);
        Assert.InRange(coveredRestricted / (double)replications, 0.9 - band, 0.9 + band);
    }

    [Fact]
    public void Given_sorted_values_When_a_quantile_is_taken_Then_it_interpolates_between_order_statistics()
    {
        double[] v = [1, 2, 4, 8];
        Assert.Equal(1.0, SeedClusterBootstrap.Quantile(v, 0));
        Assert.Equal(8.0, SeedClusterBootstrap.Quantile(v, 1));
        Assert.Equal(3.0, SeedClusterBootstrap.Quantile(v, 0.5)); // h = 1.5: between 2 and 4
        Assert.Equal(2.0 + 0.5 * 2, SeedClusterBootstrap.Quantile(v, 0.5));
        Assert.Equal(1.3, SeedClusterBootstrap.Quantile(v, 0.1), 12); // h = 0.3: 1 + 0.3·(2 − 1)
    }

    [Theory]
    [InlineData(50, 0.95, 0.2, "Resamples")]
    [InlineData(2000, 1.0, 0.2, "Level")]
    [InlineData(2000, 0.0, 0.2, "Level")]
    [InlineData(2000, 0.95, 1.0, "RestrictedRhoMin")]
    [InlineData(2000, 0.95, double.NaN, "RestrictedRhoMin")]
    public void Given_settings_out_of_range_When_validated_Then_the_message_names_the_setting(int resamples, double level, double cut, string name)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new StatisticsSettings { Resamples = resamples, Level = level, RestrictedRhoMin = cut }.Validate());
        Assert.StartsWith(name + " = ", e.Message);
    }

    [Fact]
    public void Given_mixed_panels_When_analysed_as_one_Then_it_throws_naming_both()
    {
        var rows = new List<CaseResult> { BootstrapPanels.Row("x", 0, 0, 0.2, 1, 1), BootstrapPanels.Row("y", 1, 0, 0.2, 1, 1) };
        var e = Assert.Throws<ArgumentException>(() => SeedClusterBootstrap.Analyze(rows, Quick));
        Assert.Contains("'x' and 'y'", e.Message);
    }

    /// <summary>The estimate with its doubles as raw bits, so equality means the same bits (NaN included).</summary>
    private static EstimateBits Bits(StatisticEstimate e) =>
        new(e.Statistic, e.Range, BitConverter.DoubleToInt64Bits(e.Point), BitConverter.DoubleToInt64Bits(e.Lower),
            BitConverter.DoubleToInt64Bits(e.Upper), e.Seeds, e.Rows, e.Failed, e.Resamples);

    private sealed record EstimateBits(string Statistic, string Range, long Point, long Lower, long Upper, int Seeds, int Rows, int Failed, int Resamples);
}
