using FlatLab.Experiments.Analysis;
using FlatLab.Experiments.Results;
using FlatLab.Randomness;

namespace FlatLab.Tests.Experiments.Analysis;

public class VerdictRuleTests
{
    private static readonly StatisticsSettings Settings = new() { Resamples = 1000, Seed = 3 };
    private static readonly double[] Rhos = [0.05, 0.1, 0.3, 0.5, 0.7, 0.9];

    private static StatisticEstimate Estimate(string statistic, double lower, double upper, int seeds = 10, bool restricted = false) =>
        new(statistic, restricted ? "rho>=0.2" : StatisticsSettings.FullRange, (lower + upper) / 2, lower, upper, 0.95, seeds, 10 * seeds, 0, 2000);

    [Theory]
    // Positive link: threshold 0.3.
    [InlineData(ClaimKind.FlatnessOrdersGeneralization, 0.35, 0.8, ClaimStatus.Holds)]
    [InlineData(ClaimKind.FlatnessOrdersGeneralization, -0.5, 0.25, ClaimStatus.Fails)]
    [InlineData(ClaimKind.FlatnessOrdersGeneralization, 0.1, 0.5, ClaimStatus.Inconclusive)]
    // Strong link: threshold 0.6.
    [InlineData(ClaimKind.StrongLink, 0.65, 0.9, ClaimStatus.Holds)]
    [InlineData(ClaimKind.StrongLink, 0.35, 0.55, ClaimStatus.Fails)]
    [InlineData(ClaimKind.StrongLink, 0.5, 0.7, ClaimStatus.Inconclusive)]
    // No link: inside (−0.3, 0.3).
    [InlineData(ClaimKind.NoLink, -0.2, 0.25, ClaimStatus.Holds)]
    [InlineData(ClaimKind.NoLink, 0.31, 0.6, ClaimStatus.Fails)]
    [InlineData(ClaimKind.NoLink, -0.7, -0.35, ClaimStatus.Fails)]
    [InlineData(ClaimKind.NoLink, 0.1, 0.4, ClaimStatus.Inconclusive)]
    [InlineData(ClaimKind.NoLink, -0.4, 0.4, ClaimStatus.Inconclusive)]
    // Flattest ρ generalizes best: L(ρ*)/L_best below 1.1.
    [InlineData(ClaimKind.FlattestGeneralizesBest, 1.0, 1.05, ClaimStatus.Holds)]
    [InlineData(ClaimKind.FlattestGeneralizesBest, 1.3, 2.5, ClaimStatus.Fails)]
    [InlineData(ClaimKind.FlattestGeneralizesBest, 1.0, 1.4, ClaimStatus.Inconclusive)]
    // Better than predicting 0: L(ρ*)/(signal + noise) below 1.
    [InlineData(ClaimKind.BetterThanTrivial, 0.2, 0.6, ClaimStatus.Holds)]
    [InlineData(ClaimKind.BetterThanTrivial, 1.02, 1.3, ClaimStatus.Fails)]
    [InlineData(ClaimKind.BetterThanTrivial, 0.9, 1.1, ClaimStatus.Inconclusive)]
    public void Given_an_interval_When_judged_Then_the_claim_is_decided_only_when_the_whole_interval_is_on_one_side(
        ClaimKind claim, double lower, double upper, ClaimStatus expected)
    {
        var (statistic, restricted) = VerdictRule.StatisticOf(claim);
        var verdict = VerdictRule.Judge(claim, Estimate(statistic, lower, upper, restricted: restricted));
        Assert.Equal(expected, verdict.Status);
        Assert.Equal(expected.IsDecided(), verdict.Text.Contains("whole interval"));
    }

    [Fact]
    public void Given_fewer_than_five_seeds_When_judged_Then_even_a_decisive_interval_is_inconclusive_and_the_text_says_why()
    {
        var verdict = VerdictRule.Judge(ClaimKind.FlatnessOrdersGeneralization, Estimate(StatisticNames.Spearman, 0.8, 0.9, seeds: 4, restricted: true));
        Assert.Equal(ClaimStatus.Inconclusive, verdict.Status);
        Assert.Contains("only 4 seeds (fewer than 5)", verdict.Text);
        Assert.Equal(ClaimStatus.Holds,
            VerdictRule.Judge(ClaimKind.FlatnessOrdersGeneralization, Estimate(StatisticNames.Spearman, 0.8, 0.9, seeds: 5, restricted: true)).Status);
    }

    [Fact]
    public void Given_an_undefined_interval_When_judged_Then_it_is_inconclusive()
    {
        var verdict = VerdictRule.Judge(ClaimKind.BetterThanTrivial, Estimate(StatisticNames.LossOverTrivial, double.NaN, double.NaN));
        Assert.Equal(ClaimStatus.Inconclusive, verdict.Status);
        Assert.Contains("undefined", verdict.Text);
    }

    [Fact]
    public void Given_the_wrong_statistic_When_judged_Then_it_throws_naming_both()
    {
        var e = Assert.Throws<ArgumentException>(() => VerdictRule.Judge(ClaimKind.NoLink, Estimate(StatisticNames.LossRatio, 1, 1.05)));
        Assert.Contains("no_link is judged on spearman, not on loss_ratio", e.Message);
    }

    /// <summary>
    /// A panel where every claim must hold: for every seed F_min and the loss both fall with ρ (so the
    /// flattest ρ, 0.9, is also the best), with seed-to-seed jitter far smaller than the trend, and
    /// the loss is a tenth of the trivial predictor's.
    /// </summary>
    [Fact]
    public void Given_a_panel_where_flatness_orders_the_loss_When_judged_Then_the_link_claims_hold_and_no_link_fails()
    {
        var random = new RandomSource(100);
        var rows = new List<CaseResult>();
        for (var s = 0; s < 10; s++)
            foreach (var rho in Rhos)
            {
                var f = 100 * (1.2 - rho) * (1 + 0.02 * random.NextGaussian());
                rows.Add(BootstrapPanels.Row("hold", rows.Count, s, rho, f, 0.001 * f * (1 + 0.02 * random.NextGaussian())));
            }
        var verdicts = Verdicts(rows);
        Assert.Equal(ClaimStatus.Holds, verdicts[ClaimKind.FlatnessOrdersGeneralization]);
        Assert.Equal(ClaimStatus.Holds, verdicts[ClaimKind.StrongLink]);
        Assert.Equal(ClaimStatus.Fails, verdicts[ClaimKind.NoLink]);
        Assert.Equal(ClaimStatus.Holds, verdicts[ClaimKind.FlattestGeneralizesBest]);
        Assert.Equal(ClaimStatus.Holds, verdicts[ClaimKind.BetterThanTrivial]);
    }

    /// <summary>
    /// A panel where every claim must fail: F_min rises with ρ while the loss falls, so the flattest ρ
    /// (the smallest) has the worst loss, twice the trivial predictor's.
    /// </summary>
    [Fact]
    public void Given_a_panel_where_flatness_reverses_the_loss_When_judged_Then_every_claim_fails()
    {
        var random = new RandomSource(200);
        var rows = new List<CaseResult>();
        for (var s = 0; s < 10; s++)
            foreach (var rho in Rhos)
            {
                var jitter = 1 + 0.02 * random.NextGaussian();
                rows.Add(BootstrapPanels.Row("fail", rows.Count, s, rho, 100 * (0.2 + rho) * jitter, 2.2 * (1.1 - rho) * (1 + 0.02 * random.NextGaussian())));
            }
        var verdicts = Verdicts(rows);
        Assert.Equal(ClaimStatus.Fails, verdicts[ClaimKind.FlatnessOrdersGeneralization]);
        Assert.Equal(ClaimStatus.Fails, verdicts[ClaimKind.StrongLink]);
        Assert.Equal(ClaimStatus.Fails, verdicts[ClaimKind.NoLink]);
        Assert.Equal(ClaimStatus.Fails, verdicts[ClaimKind.FlattestGeneralizesBest]);
        Assert.Equal(ClaimStatus.Fails, verdicts[ClaimKind.BetterThanTrivial]);
    }

    [Fact]
    public void Given_a_panel_where_loss_is_independent_of_flatness_When_judged_Then_no_link_holds_and_the_link_claims_fail()
    {
        var rows = BootstrapPanels.Clustered("none", new RandomSource(300), 40, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95], 0, 0);
        var verdicts = Verdicts(rows);
        Assert.Equal(ClaimStatus.Holds, verdicts[ClaimKind.NoLink]);
        Assert.Equal(ClaimStatus.Fails, verdicts[ClaimKind.FlatnessOrdersGeneralization]);
        Assert.Equal(ClaimStatus.Fails, verdicts[ClaimKind.StrongLink]);
    }

    [Fact]
    public void Given_a_panel_with_a_moderate_link_and_few_rows_When_judged_Then_the_link_claims_are_inconclusive()
    {
        // Correlation 0.45 per random row (Spearman ≈ 0.43), half the variance shared within a seed: 8 seeds
        // give an interval about ±0.3 wide, which contains the link threshold 0.3.
        var rows = BootstrapPanels.Clustered("mid", new RandomSource(400), 8, Rhos, 0.5, 0.4);
        var estimate = SeedClusterBootstrap.Analyze(rows, Settings).Find(StatisticNames.Spearman, "rho>=0.2")!;
        Assert.InRange(VerdictRule.LinkThreshold, estimate.Lower, estimate.Upper);
        var verdicts = Verdicts(rows);
        Assert.Equal(ClaimStatus.Inconclusive, verdicts[ClaimKind.FlatnessOrdersGeneralization]);
        Assert.Equal(ClaimStatus.Inconclusive, verdicts[ClaimKind.NoLink]);
        Assert.NotEqual(ClaimStatus.Holds, verdicts[ClaimKind.StrongLink]);
    }

    [Fact]
    public void Given_a_clear_panel_with_four_seeds_When_judged_Then_every_claim_is_inconclusive_for_too_few_seeds()
    {
        var rows = new List<CaseResult>();
        for (var s = 0; s < 4; s++)
            foreach (var rho in Rhos)
                rows.Add(BootstrapPanels.Row("few", rows.Count, s, rho, 100 * (1.2 - rho) + s, 0.1 * (1.2 - rho) + s / 1000.0));
        var p = SeedClusterBootstrap.Analyze(rows, Settings);
        Assert.Equal(VerdictRule.Claims, p.Verdicts.Select(v => v.Claim));
        Assert.All(p.Verdicts, v => Assert.Equal(ClaimStatus.Inconclusive, v.Status));
        Assert.All(p.Verdicts, v => Assert.Contains("only 4 seeds", v.Text));
    }

    private static Dictionary<ClaimKind, ClaimStatus> Verdicts(List<CaseResult> rows)
    {
        var verdicts = SeedClusterBootstrap.Analyze(rows, Settings).Verdicts;
        return verdicts.ToDictionary(v => v.Claim, v => v.Status);
    }
}
