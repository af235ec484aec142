using FlatLab.Experiments.Analysis;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Specs;
using FlatLab.Tests.Reporting.Runs;
using FlatLab.Training;

namespace FlatLab.Tests.Experiments.Analysis;

/// <summary>The optimizer-run statistics and verdicts on rows built by hand, where every number is known.</summary>
public sealed class OptimizerStatisticsTests
{
    private static readonly StatisticsSettings Quick = new() { Resamples = 400, Seed = 3 };

    private static readonly SweepSpec Spec = new()
    {
        Optimizers = [new TrainingRunSpec { Name = "lazy" }, new TrainingRunSpec { Name = "rich", Parameterization = Parameterization.MeanField }],
    };

    /// <summary>Per seed s: a search reaching F = 10; a lazy run with F = 30 + s (flattest for its W: 20), loss 0.2 + 0.01 s,
    /// alignment at the random level; a rich run with F = 12 + 0.1 s (flattest 11), loss 0.05 + 0.001 s, alignment 0.5.
    /// <paramref name="swap"/> exchanges the two runs' numbers.</summary>
    private static List<CaseResult> Rows(int seeds, bool swap = false)
    {
        var rows = new List<CaseResult>();
        for (var s = 0; s < seeds; s++)
        {
            rows.Add(Row(rows.Count, s, CaseKind.Search, "from-random", 10, double.NaN, 0.03, 0.4));
            var lazy = (F: 30.0 + s, Flat: 20.0, Loss: 0.2 + 0.01 * s, Align: 0.18);
            var rich = (F: 12.0 + 0.1 * s, Flat: 11.0, Loss: 0.05 + 0.001 * s, Align: 0.5);
            if (swap) (lazy, rich) = (rich, lazy);
            rows.Add(Row(rows.Count, s, CaseKind.Train, "lazy", lazy.F, lazy.Flat, lazy.Loss, lazy.Align));
            rows.Add(Row(rows.Count, s, CaseKind.Train, "rich", rich.F, rich.Flat, rich.Loss, rich.Align));
        }
        return rows;
    }

    private static CaseResult Row(int index, int seed, CaseKind kind, string variant, double f, double flattest, double loss, double alignment) =>
        SyntheticRows.Row(index, "p", "o", seed, double.NaN, f, loss) with
        {
            Kind = kind,
            Variant = variant,
            DataSeed = 100 + (ulong)seed,
            FlattestFlatnessMin = kind == CaseKind.Search ? f : flattest,
            AlignmentMean = alignment,
            AlignmentRandom = 0.18,
            InterpolationStep = kind == CaseKind.Train ? 1000 : -1,
        };

    [Fact]
    public void GivenRichRunsCloserAndFlatterWithLowerLoss_WhenAnalysed_ThenTheMeansAreTheHandValuesAndBothClaimsHold()
    {
        var p = OptimizerStatistics.AnalyzeSweep(Rows(6), Spec, Quick).Single();

        // Per run, seed means by hand: lazy F/F_own = mean((30 + s)/20), F/F_search = mean((30 + s)/10)
        Assert.Equal(Enumerable.Range(0, 6).Average(s => (30.0 + s) / 20), p.Find(StatisticNames.FlatnessRatio, "run=lazy")!.Point, 12);
        Assert.Equal(Enumerable.Range(0, 6).Average(s => (12 + 0.1 * s) / 10), p.Find(StatisticNames.FlatnessOverSearch, "run=rich")!.Point, 12);
        Assert.Equal(0.5 / 0.18, p.Find(StatisticNames.AlignmentOverRandom, "run=rich")!.Point, 12);
        Assert.Equal(1.0, p.Find(StatisticNames.AlignmentOverRandom, "run=lazy")!.Point, 12);
        var closeness = p.Find(StatisticNames.ClosenessRatio, OptimizerStatistics.RegimeRange)!;
        Assert.Equal(Enumerable.Range(0, 6).Average(s => 12 + 0.1 * s) / Enumerable.Range(0, 6).Average(s => 30.0 + s), closeness.Point, 12);
        Assert.InRange(closeness.Lower, 0, closeness.Point);
        Assert.InRange(closeness.Upper, closeness.Point, 1);
        // F and loss rise together within every run and between runs: Spearman 1 in every resample.
        var spearman = p.Find(StatisticNames.Spearman, OptimizerStatistics.PooledRange)!;
        Assert.Equal(1.0, spearman.Point, 12);
        Assert.Equal(1.0, spearman.Lower, 12);
        Assert.Equal(6, spearman.Seeds);
        Assert.Equal(12, spearman.Rows);

        Assert.All(p.Verdicts, v => Assert.Equal(ClaimStatus.Holds, v.Status));
        Assert.Equal([ClaimKind.FeatureLearningCloserToFlattest, ClaimKind.FlatnessOrdersOptimizers], p.Verdicts.Select(v => v.Claim));
    }

    [Fact]
    public void GivenTheRichRunsFartherFromTheSearch_WhenAnalysed_ThenCloserFailsWhileTheOrderStillHolds()
    {
        var p = OptimizerStatistics.AnalyzeSweep(Rows(6, swap: true), Spec, Quick).Single();

        Assert.Equal(ClaimStatus.Fails, p.Verdicts.Single(v => v.Claim == ClaimKind.FeatureLearningCloserToFlattest).Status);
        Assert.Equal(ClaimStatus.Holds, p.Verdicts.Single(v => v.Claim == ClaimKind.FlatnessOrdersOptimizers).Status);
    }

    [Fact]
    public void GivenFourSeedsAndARunThatDidNotInterpolate_WhenAnalysed_ThenItIsCountedAsFailedAndTheVerdictsAreInconclusive()
    {
        var rows = Rows(4);
        rows[2] = rows[2] with { InterpolationStep = -1 }; // seed 0's rich run stopped above its threshold

        var p = OptimizerStatistics.AnalyzeSweep(rows, Spec, Quick).Single();

        var rich = p.Find(StatisticNames.FlatnessOverSearch, "run=rich")!;
        Assert.Equal(3, rich.Rows);
        Assert.Equal(1, rich.Failed);
        Assert.Equal(Enumerable.Range(1, 3).Average(s => (12 + 0.1 * s) / 10), rich.Point, 12);
        Assert.Equal(1, p.Failed);
        Assert.All(p.Verdicts, v => Assert.Equal(ClaimStatus.Inconclusive, v.Status));
    }

    [Fact]
    public void GivenNoSpec_WhenAnalysed_ThenThereIsNoRegimeComparisonAndItsClaimIsInconclusive()
    {
        var p = OptimizerStatistics.AnalyzeSweep(Rows(6), null, Quick).Single();

        Assert.True(double.IsNaN(p.Find(StatisticNames.ClosenessRatio, OptimizerStatistics.RegimeRange)!.Point));
        Assert.Equal(ClaimStatus.Inconclusive, p.Verdicts.Single(v => v.Claim == ClaimKind.FeatureLearningCloserToFlattest).Status);
    }
}
