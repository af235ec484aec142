using FlatLab.Experiments.Analysis;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Search;

namespace FlatLab.Tests.Experiments.Analysis;

public sealed class SearchClaimAnalysisTests
{
    private static readonly StatisticsSettings Settings = new() { Resamples = 500, Seed = 4 };

    [Fact]
    public void GivenConvergedAndCappedSearches_WhenAnalyzed_ThenEachSeedsFlattestConvergedSearchIsJudged()
    {
        // Seed s: ρ constructions at F = 10 + s and 30; converged searches at F = 4 + s (loss 0.1, bias 0.01) and
        // 6 + s (loss 2, bias 0.9); a capped search at F = 1 (loss 5) that must be ignored. Signal power 1, no noise.
        var rows = new List<CaseResult>();
        for (var s = 0; s < 6; s++)
        {
            rows.Add(Row("p", s, CaseKind.Rho, 10 + s, 0.5, 0.4));
            rows.Add(Row("p", s, CaseKind.Rho, 30, 0.05, 0.4));
            rows.Add(Row("p", s, CaseKind.Search, 4 + s, 0.1, 0.01, SearchStatus.Converged));
            rows.Add(Row("p", s, CaseKind.Search, 6 + s, 2, 0.9, SearchStatus.Converged));
            rows.Add(Row("p", s, CaseKind.Search, 1, 5, 0.9, SearchStatus.Cap));
        }

        var panel = Assert.Single(SearchClaimAnalysis.Analyze(rows, Settings));

        Assert.Equal((18, 6), (panel.Total, panel.Failed));
        var ratio = panel.Find(StatisticNames.SearchOverBestRho)!;
        Assert.Equal(Enumerable.Range(0, 6).Average(s => (4.0 + s) / (10 + s)), ratio.Point, 1e-14);
        Assert.Equal(6, ratio.Seeds);
        Assert.InRange(ratio.Lower, 0.4, ratio.Point);
        Assert.InRange(ratio.Upper, ratio.Point, 0.6);
        Assert.Equal(0.1, panel.Find(StatisticNames.SearchLossOverTrivial)!.Point, 1e-14);
        Assert.Equal(0.01, panel.Find(StatisticNames.SearchBiasShare)!.Point, 1e-14);
        Assert.Equal([ClaimKind.FlatterThanConstructions, ClaimKind.SearchBetterThanTrivial, ClaimKind.BiasVanishes], panel.Verdicts.Select(v => v.Claim));
        Assert.All(panel.Verdicts, v => Assert.Equal(ClaimStatus.Holds, v.Status));
    }

    [Fact]
    public void GivenTooFewSeedsWithAConvergedSearch_WhenAnalyzed_ThenEveryClaimIsInconclusiveAndSaysHowManySeedsCounted()
    {
        // Six seeds, but only three searches converged: three seeds decide nothing (the rule needs five).
        var rows = new List<CaseResult>();
        for (var s = 0; s < 6; s++)
        {
            rows.Add(Row("q", s, CaseKind.Rho, 10, 0.5, double.NaN));
            rows.Add(Row("q", s, CaseKind.Search, 2, 3, double.NaN, s < 3 ? SearchStatus.Converged : SearchStatus.StepFailure));
        }

        var panel = Assert.Single(SearchClaimAnalysis.Analyze(rows, Settings));

        Assert.Equal(3, panel.Failed);
        Assert.Equal(2, panel.Verdicts.Count); // no biases: no bias claim
        Assert.All(panel.Verdicts, v =>
        {
            Assert.Equal(ClaimStatus.Inconclusive, v.Status);
            Assert.Contains("only 3 seeds", v.Text);
        });
        Assert.Empty(SearchClaimAnalysis.Analyze(rows.Where(r => r.Kind == CaseKind.Rho).ToList(), Settings));
    }

    private static CaseResult Row(string panel, int seed, CaseKind kind, double flatness, double loss, double bias,
        SearchStatus status = SearchStatus.None) => new()
    {
        CaseKey = $"{panel}/s{seed:00}/{kind}{flatness}{status}", CaseIndex = 0, CaseSeed = 0, DataSeed = (ulong)seed, Repetition = seed,
        Panel = panel, Figure = "f", Link = "single-index", Activation = "relu", LinkActivation = "relu", InsideAssumption1 = true,
        K = 1, P = 1, D = 5, N = 10, M = 20, R = 1, NoiseStd = 0, Rho = kind == CaseKind.Rho ? 0.5 : 0, Weights = "exact",
        Kind = kind, Status = CaseStatus.Solved, Message = "", FlatnessMin = flatness, PopulationLoss = loss, SignalPower = 1,
        NoiseVariance = 0, BiasShare = bias, SearchStatus = status,
    };
}
