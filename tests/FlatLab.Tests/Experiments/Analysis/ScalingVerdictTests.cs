using FlatLab.Activations;
using FlatLab.Experiments.Analysis;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Specs;
using FlatLab.Randomness;
using FlatLab.Search;

namespace FlatLab.Tests.Experiments.Analysis;

public sealed class ScalingVerdictTests
{
    private static StatisticEstimate Slope(double lower, double upper, int seeds = 5) =>
        new(StatisticNames.Slope, StatisticsSettings.FullRange, (lower + upper) / 2, lower, upper, 0.95, seeds, 3 * seeds, 0, 2000);

    [Theory]
    [InlineData(0.40, 0.60, 0.5, ClaimStatus.Holds)]          // contains the prediction, excludes 0
    [InlineData(-0.10, 0.60, 0.5, ClaimStatus.Inconclusive)]  // contains both
    [InlineData(0.55, 0.70, 0.5, ClaimStatus.Fails)]          // excludes the prediction (above)
    [InlineData(-0.30, 0.20, 0.5, ClaimStatus.Fails)]         // excludes the prediction, contains 0
    [InlineData(-0.60, -0.40, -0.5, ClaimStatus.Holds)]       // a negative prediction
    [InlineData(0.5, 0.5, 0.5, ClaimStatus.Holds)]            // a degenerate interval on the prediction
    public void GivenASlopeInterval_WhenJudgedAgainstAPredictedExponent_ThenTheDeclaredRuleDecides(
        double lower, double upper, double predicted, ClaimStatus expected)
    {
        var verdict = VerdictRule.JudgeExponent(Slope(lower, upper), predicted);

        Assert.Equal(expected, verdict.Status);
        Assert.Equal(ClaimKind.ExponentMatchesPrediction, verdict.Claim);
        Assert.Contains("predicted", verdict.Text);
    }

    [Theory]
    [InlineData(0.05, 0.4, ClaimStatus.Holds)]
    [InlineData(-0.4, -0.05, ClaimStatus.Fails)]
    [InlineData(-0.05, 0.4, ClaimStatus.Inconclusive)]
    public void GivenASlopeInterval_WhenJudgedForGrowth_ThenOnlyAWholeIntervalOnOneSideOfZeroDecides(double lower, double upper, ClaimStatus expected)
    {
        Assert.Equal(expected, VerdictRule.JudgeGrowth(Slope(lower, upper)).Status);
    }

    [Fact]
    public void GivenFewerThanFiveSeedsOrNoInterval_WhenASlopeIsJudged_ThenItIsInconclusive()
    {
        Assert.Equal(ClaimStatus.Inconclusive, VerdictRule.JudgeExponent(Slope(0.45, 0.55, seeds: 4), 0.5).Status);
        Assert.Contains("only 4 seeds", VerdictRule.JudgeExponent(Slope(0.45, 0.55, seeds: 4), 0.5).Text);
        Assert.Equal(ClaimStatus.Inconclusive, VerdictRule.JudgeGrowth(Slope(0.1, 0.2, seeds: 4)).Status);
        Assert.Equal(ClaimStatus.Inconclusive, VerdictRule.JudgeExponent(Slope(double.NaN, double.NaN), 0.5).Status);
        Assert.Throws<ArgumentException>(() => VerdictRule.JudgeExponent(Slope(0.4, 0.6), 0));
        Assert.Throws<ArgumentException>(() => VerdictRule.Judge(ClaimKind.ExponentMatchesPrediction, Slope(0.4, 0.6)));
    }

    [Fact]
    public void GivenReLUAndQuadraticStudies_WhenTheReferenceExponentIsPredicted_ThenItMatchesTheGaussianMeansByHand()
    {
        // ReLU: E_S = 1/2, E_T(d) = d/2, p = 1, so F_ref ∝ √d exactly. Quadratic: E_S = E z⁴ = 3,
        // E_T(d) = 4·3 + (d − 1)·4 = 4d + 8, p = 4/3, so F_ref ∝ m^{−1/3} (4d + 8)^{2/3} with m = 8d.
        var dims = new[] { 10, 20, 40, 80 };
        PanelSpec[] Panels(Activation sigma) => new ScalingSpec
        {
            Name = "s", Dimensions = dims, Panel = new PanelSpec { Activation = sigma },
        }.ToPanels().ToArray();

        var relu = ScalingAnalysis.ReferenceExponent(Panels(ActivationParser.Parse("relu")), ActivationParser.Parse("relu"));
        var quadratic = ScalingAnalysis.ReferenceExponent(Panels(ActivationParser.Parse("quadratic")), ActivationParser.Parse("quadratic"));

        Assert.Equal(0.5, relu, 1e-12);
        var lx = dims.Select(d => Math.Log(d)).ToArray();
        var ly = dims.Select(d => -Math.Log(8.0 * d) / 3 + 2 * Math.Log(4.0 * d + 8) / 3).ToArray();
        var (mx, my) = (lx.Average(), ly.Average());
        var byHand = lx.Zip(ly).Sum(p => (p.First - mx) * (p.Second - my)) / lx.Sum(x => (x - mx) * (x - mx));
        Assert.Equal(byHand, quadratic, 1e-12);
        Assert.InRange(quadratic, 0.25, 1.0 / 3); // below its limit 1/3 at these d
    }

    private const string SpecText = """
        { "name": "scaling", "seed": 3, "seeds": 10, "rho": { "values": [0.1, 0.9] },
          "scaling": [ { "name": "relu", "dimensions": [10, 20, 40, 80], "samples_per_dimension": 4, "width_per_sample": 2,
                         "panel": { "link": "single-index", "activation": "relu", "noise_std": 0 } } ],
          "searches": [ { "name": "walk", "start": "random", "panels": ["relu-d10", "relu-d20", "relu-d40", "relu-d80"] } ] }
        """;

    [Fact]
    public void GivenSeedLevelNoiseAroundKnownLaws_WhenFitted_ThenTheBootstrapIntervalsCoverTheTrueExponentsAtAboutTheirLevel()
    {
        // Per (d, seed): F_ref = 2 d^0.5 e^ε, F(ρ = 0.1) = 5 d^0.8 e^ε', each ε ~ N(0, 0.2²) independent, so
        // separation_reference has slope 0.3 and the reference 0.5; 200 replications, 10 seeds each.
        var spec = SweepSpecJson.Parse(SpecText);
        var cases = SweepCase.Expand(spec).Where(c => c.Kind == CaseKind.Rho).ToList();
        var settings = new StatisticsSettings { Resamples = 400, Seed = 5 };
        int covered = 0, coveredSeparation = 0;
        const int replications = 200;
        for (var rep = 0; rep < replications; rep++)
        {
            var random = new RandomSource(RandomSource.DeriveSeed(11, $"rep/{rep}"));
            var reference = new Dictionary<(int, int), double>();
            var rows = cases.Select(c =>
            {
                var d = c.Panel.D;
                var key = (d, c.Repetition);
                if (!reference.TryGetValue(key, out var r)) reference[key] = r = 2 * Math.Sqrt(d) * Math.Exp(0.2 * random.NextGaussian());
                var f = c.Rho == 0.1 ? 5 * Math.Pow(d, 0.8) * Math.Exp(0.2 * random.NextGaussian()) : 3 * Math.Sqrt(d);
                return Row(c, f, r);
            }).ToList();

            var fits = ScalingAnalysis.Fit(spec, rows, settings);

            var refFit = fits.Single(f => f.Quantity == ScalingAnalysis.ReferenceFlatnessMin).Slope;
            var sepFit = fits.Single(f => f.Quantity == ScalingAnalysis.SeparationReference).Slope;
            Assert.Equal(10, refFit.Seeds);
            if (refFit.Lower <= 0.5 && 0.5 <= refFit.Upper) covered++;
            if (sepFit.Lower <= 0.3 && 0.3 <= sepFit.Upper) coveredSeparation++;
        }
        // Nominal 95%; a percentile bootstrap over 10 seeds runs a little short (docs/statistics.md §8).
        Assert.InRange(covered, 0.85 * replications, 0.99 * replications);
        Assert.InRange(coveredSeparation, 0.85 * replications, 0.99 * replications);
    }

    [Fact]
    public void GivenSearchRows_WhenTheSeparationAgainstTheSearchIsFitted_ThenOnlyConvergedSearchesCountAndTheFlattestOfThemIsUsed()
    {
        // Per seed: F(ρ = 0.1) = 6 d^0.7; converged searches at 2 d^0.4 and 3 d^0.4 (the flatter is used), and a capped
        // search at 0.1 d that must be ignored: separation_search = 3 d^0.3 exactly, every resample alike.
        var spec = SweepSpecJson.Parse(SpecText);
        var rows = new List<CaseResult>();
        foreach (var c in SweepCase.Expand(spec))
        {
            var d = c.Panel.D;
            if (c.Kind == CaseKind.Rho) rows.Add(Row(c, c.Rho == 0.1 ? 6 * Math.Pow(d, 0.7) : 3 * d, 2 * Math.Sqrt(d)));
            else
            {
                rows.Add(Row(c, 2 * Math.Pow(d, 0.4), double.NaN) with { Kind = CaseKind.Search, SearchStatus = SearchStatus.Converged });
                rows.Add(Row(c, 3 * Math.Pow(d, 0.4), double.NaN) with { Kind = CaseKind.Search, SearchStatus = SearchStatus.Converged, CaseIndex = c.Index + 10_000 });
                rows.Add(Row(c, 0.1 * d, double.NaN) with { Kind = CaseKind.Search, SearchStatus = SearchStatus.Cap, CaseIndex = c.Index + 20_000 });
            }
        }

        var fits = ScalingAnalysis.Fit(spec, rows, new StatisticsSettings { Resamples = 200, Seed = 1 });

        var search = fits.Single(f => f.Quantity == ScalingAnalysis.SeparationSearch);
        Assert.Equal(0.3, search.Fit!.Slope, 1e-12);
        Assert.Equal(0.3, search.Slope.Lower, 1e-12);
        Assert.Equal(0.3, search.Slope.Upper, 1e-12);
        Assert.Equal(ClaimStatus.Holds, search.Verdict!.Status);
        Assert.Equal(0.1, search.Rho);
        var reference = fits.Single(f => f.Quantity == ScalingAnalysis.SeparationReference);
        Assert.Equal(0.2, reference.Fit!.Slope, 1e-12);
    }

    [Fact]
    public void GivenTheSameRowsTwice_WhenFitted_ThenTheIntervalsAreBitIdentical_AndAnotherSeedMovesThem()
    {
        var spec = SweepSpecJson.Parse(SpecText);
        var random = new RandomSource(9);
        var rows = SweepCase.Expand(spec).Where(c => c.Kind == CaseKind.Rho)
            .Select(c => Row(c, Math.Pow(c.Panel.D, 0.7) * Math.Exp(0.3 * random.NextGaussian()), Math.Sqrt(c.Panel.D) * Math.Exp(0.3 * random.NextGaussian())))
            .ToList();
        var settings = new StatisticsSettings { Resamples = 300, Seed = 2 };

        var a = ScalingAnalysis.Fit(spec, rows, settings);
        var b = ScalingAnalysis.Fit(spec, rows.AsEnumerable().Reverse().ToList(), settings);
        var c = ScalingAnalysis.Fit(spec, rows, settings with { Seed = 3 });

        Assert.Equal(a.Select(f => (f.Slope.Lower, f.Slope.Upper)), b.Select(f => (f.Slope.Lower, f.Slope.Upper)));
        Assert.NotEqual(a.Select(f => f.Slope.Lower), c.Select(f => f.Slope.Lower));
    }

    private static CaseResult Row(SweepCase c, double flatness, double reference) => new()
    {
        CaseKey = c.Key, CaseIndex = c.Index, CaseSeed = 0, DataSeed = 0, Repetition = c.Repetition, Panel = c.Panel.Name,
        Figure = c.Panel.Figure, Link = "single-index", Activation = "relu", LinkActivation = "relu", InsideAssumption1 = true,
        K = 1, P = 1, D = c.Panel.D, N = c.Panel.N, M = c.Panel.M, R = 1, NoiseStd = 0, Rho = c.Rho, Weights = "exact",
        Status = CaseStatus.Solved, Message = "", FlatnessMin = flatness, PopulationLoss = 0.1, ExcessLoss = 0.1,
        ReferenceFlatnessMin = reference,
    };
}
