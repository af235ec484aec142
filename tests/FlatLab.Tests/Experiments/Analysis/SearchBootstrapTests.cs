using FlatLab.Experiments.Analysis;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Randomness;
using FlatLab.Search;

namespace FlatLab.Tests.Experiments.Analysis;

public sealed class SearchBootstrapTests
{
    /// <summary>A search row of seed <paramref name="seed"/>: F_min, loss, status, lower bound F/2, reference loss 0.5.</summary>
    private static CaseResult Search(string panel, int index, int seed, double flatness, double loss, SearchStatus status) =>
        BootstrapPanels.Row(panel, index, seed, double.NaN, flatness, loss) with
        {
            Kind = CaseKind.Search,
            CaseKey = $"{panel}/s{seed:00}/search-{index}",
            SearchStatus = status,
            FlatnessOverLowerBound = 2.0,
            ReferencePopulationLoss = 0.5,
        };

    /// <summary>Per seed: ρ rows with losses 0.4 and 0.2 + seed/100; searches: a converged one (F = 5, loss L_s), a
    /// flatter one that hit its cap (F = 1, loss 100: must be ignored), and on seed 0 a step failure only.</summary>
    private static List<CaseResult> Panel(int seeds, Func<int, double> loss)
    {
        var rows = new List<CaseResult>();
        for (var s = 0; s < seeds; s++)
        {
            rows.Add(BootstrapPanels.Row("p", rows.Count, s, 0.1, 20, 0.4));
            rows.Add(BootstrapPanels.Row("p", rows.Count, s, 0.9, 10, 0.2 + s / 100.0));
            if (s == 0)
            {
                rows.Add(Search("p", rows.Count, s, 3, 0.01, SearchStatus.StepFailure));
                continue;
            }
            rows.Add(Search("p", rows.Count, s, 5, loss(s), SearchStatus.Converged));
            rows.Add(Search("p", rows.Count, s, 6, 0.001, SearchStatus.Converged));
            rows.Add(Search("p", rows.Count, s, 1, 100, SearchStatus.Cap));
        }
        return rows;
    }

    [Fact]
    public void GivenSearchRows_ThenThePointEstimatesAreRatiosOfSeedMeansOverTheFlattestConvergedSearch()
    {
        var rows = Panel(8, s => 0.1 * s);
        var stats = SearchBootstrap.Analyze(rows, new StatisticsSettings());

        // Seeds 1..7 count (seed 0 has no converged search); the flattest converged search has F = 5 and loss 0.1 s.
        var found = Enumerable.Range(1, 7).Average(s => 0.1 * s);
        var best = Enumerable.Range(1, 7).Average(s => 0.2 + s / 100.0);
        var overBest = stats.Find(StatisticNames.SearchLossOverRhoBest)!;
        Assert.Equal(found / best, overBest.Point, 1e-12);
        Assert.Equal(7, overBest.Seeds);
        Assert.Equal(1, overBest.Failed);
        Assert.Equal(found / 1.01, stats.Find(StatisticNames.SearchLossOverTrivial)!.Point, 1e-12);
        Assert.Equal(found / 0.5, stats.Find(StatisticNames.SearchLossOverReference)!.Point, 1e-12);
        Assert.Equal(2.0, stats.Find(StatisticNames.SearchFlatnessOverLowerBound)!.Point, 1e-12);
        var share = stats.Find(StatisticNames.SearchConvergedShare)!;
        Assert.Equal(14.0 / 22, share.Point, 1e-12);
        Assert.Equal(8, share.Failed);
        // The interval brackets the point and comes from resampled seeds.
        Assert.True(overBest.Lower <= overBest.Point && overBest.Point <= overBest.Upper);
        Assert.True(overBest.Lower < overBest.Upper);
    }

    [Fact]
    public void GivenLossesFarBelowAndFarAboveTheThresholds_ThenTheVerdictRuleDecides()
    {
        var good = SearchBootstrap.Analyze(Panel(10, s => 0.01 * (1 + 0.1 * (s % 3))), new StatisticsSettings());
        var bad = SearchBootstrap.Analyze(Panel(10, s => 2.0 * (1 + 0.1 * (s % 3))), new StatisticsSettings());
        var few = SearchBootstrap.Analyze(Panel(4, s => 0.01), new StatisticsSettings());

        Assert.Equal(VerdictRule.SearchClaims, good.Verdicts.Select(v => v.Claim));
        Assert.All(good.Verdicts, v => Assert.Equal(ClaimStatus.Holds, v.Status));
        Assert.All(bad.Verdicts, v => Assert.Equal(ClaimStatus.Fails, v.Status));
        Assert.All(few.Verdicts, v => Assert.Equal(ClaimStatus.Inconclusive, v.Status));
    }

    [Fact]
    public void GivenTheSameRows_ThenTheIntervalsAreTheSameWhateverThePanelOrder()
    {
        var rows = Panel(8, s => 0.1 * s);
        var other = Panel(6, s => 0.2 * s).Select(r => r with { Panel = "q", CaseIndex = r.CaseIndex + 1000 }).ToList();
        var alone = SearchBootstrap.AnalyzeSweep(rows, new StatisticsSettings());
        var both = SearchBootstrap.AnalyzeSweep(other.Concat(rows).ToList(), new StatisticsSettings());

        Assert.Equal(alone[0].Estimates, both.Single(p => p.Panel == "p").Estimates);
    }
}
