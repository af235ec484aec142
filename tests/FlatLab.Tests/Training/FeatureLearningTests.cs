using FlatLab.Activations;
using FlatLab.LinearAlgebra;
using FlatLab.Randomness;
using FlatLab.Training;

namespace FlatLab.Tests.Training;

/// <summary>Feature learning against its random level, SAM radius schedules that reach interpolation, and
/// the exact random alignment against Monte Carlo.</summary>
public sealed class FeatureLearningTests
{
    private static readonly Activation Relu = ActivationParser.Parse("relu");

    [Fact]
    public void GivenMeanFieldAndStandardRuns_WhenTrainedToInterpolation_ThenOnlyTheMeanFieldRunAlignsAboveTheRandomLevel()
    {
        // Given a single-index ReLU sample (d = 10, n = 60, m = 120)
        var (model, data) = TrainingFixtures.SingleIndex("relu", 60, 10, 31, noise: 0);
        var u = model.Directions;
        var random = Alignment.RandomMean(1, 10);
        var rich = new TrainingSpec { Parameterization = Parameterization.MeanField, LearningRate = 1, LossTolerance = 1e-4, MaxSteps = 20_000 };
        var lazy = new TrainingSpec { LearningRate = 0.02, LossTolerance = 1e-4, MaxSteps = 20_000 };

        // When
        var richRun = Trainer.Train(data, Relu, rich, new RandomSource(3), DenseKernels.Default, width: 120);
        var lazyStart = NetworkInitializer.Draw(120, 10, 1.0, new RandomSource(3).Fork("init"));
        var lazyRun = Trainer.Train(data, Relu, lazy, new RandomSource(3), DenseKernels.Default, width: 120);

        // Then both interpolate; the mean-field directions moved well into span(U), the standard ones stayed at the random level
        Assert.Equal(TrainingStatus.Interpolated, richRun.Status);
        Assert.Equal(TrainingStatus.Interpolated, lazyRun.Status);
        var richAlignment = Alignment.Compute(u, richRun.State.Inner, richRun.State.Outer, Relu);
        var lazyBefore = Alignment.Compute(u, lazyStart.Inner, lazyStart.Outer, Relu);
        var lazyAlignment = Alignment.Compute(u, lazyRun.State.Inner, lazyRun.State.Outer, Relu);
        Assert.True(richAlignment.Mean > 1.5 * random, $"mean-field alignment {richAlignment.Mean} vs random {random}");
        Assert.True(richAlignment.WeightedMean > 2 * random, $"weighted {richAlignment.WeightedMean} vs random {random}");
        Assert.InRange(lazyAlignment.Mean - lazyBefore.Mean, -0.03, 0.03);
        Assert.InRange(lazyAlignment.Mean, 0.7 * random, 1.3 * random);
    }

    [Theory]
    [InlineData(OptimizerKind.Sam, SamSchedule.Decay)]
    [InlineData(OptimizerKind.Sam, SamSchedule.Switch)]
    [InlineData(OptimizerKind.Asam, SamSchedule.Decay)]
    public void GivenARadiusSchedule_WhenSamTrains_ThenItReachesTheInterpolationThresholdAndSaysWhen(OptimizerKind kind, SamSchedule schedule)
    {
        // Given the small problem on which a fixed radius stalls near 3–4·10⁻⁵ (docs/optimizers.md §3)
        var data = TrainingFixtures.SingleIndex("relu", 12, 5, 21).Data;
        var spec = new TrainingSpec
        {
            Optimizer = kind, EdgeOfStability = 0.5, SamRadius = 0.02, LossTolerance = 1e-6, MaxSteps = 6000,
            SamSchedule = schedule, SamSteps = 1500,
        };

        // When
        var scheduled = Trainer.Train(data, Relu, spec, new RandomSource(5), DenseKernels.Default, width: 40);
        var constant = Trainer.Train(data, Relu, spec with { SamSchedule = SamSchedule.Constant }, new RandomSource(5), DenseKernels.Default, width: 40);

        // Then the schedule interpolates, at the step it stopped, and the fixed radius does not within the same budget
        Assert.Equal(TrainingStatus.Interpolated, scheduled.Status);
        Assert.True(scheduled.FinalLoss < 1e-6);
        Assert.Equal(scheduled.Steps, scheduled.InterpolationStep);
        Assert.True(scheduled.InterpolationStep > 0);
        Assert.Equal(TrainingStatus.StepBudget, constant.Status);
        Assert.Equal(-1, constant.InterpolationStep);
        Assert.True(constant.FinalLoss > 1e-6);
    }

    [Fact]
    public void GivenSchedules_WhenTheRadiusIsAsked_ThenItFollowsTheDocumentedFormula()
    {
        Assert.Equal(0.1, SamSchedule.Constant.Radius(0.1, 100, 5000));
        Assert.Equal(0.1, SamSchedule.Decay.Radius(0.1, 100, 0));
        Assert.Equal(0.05, SamSchedule.Decay.Radius(0.1, 100, 50), 1e-15);
        Assert.Equal(0.0, SamSchedule.Decay.Radius(0.1, 100, 100));
        Assert.Equal(0.1, SamSchedule.Switch.Radius(0.1, 100, 99));
        Assert.Equal(0.0, SamSchedule.Switch.Radius(0.1, 100, 100));
    }

    [Fact]
    public void GivenASwitchSchedule_WhenTheRadiusHasReachedZero_ThenTheStepsAreGradientDescentSteps()
    {
        // Given SAM for 3 steps then GD, against SAM for 3 steps followed by GD from its state
        var data = TrainingFixtures.SingleIndex("relu", 12, 5, 21).Data;
        var spec = new TrainingSpec { Optimizer = OptimizerKind.Sam, LearningRate = 0.03, SamRadius = 0.05, LossTolerance = 1e-300 };
        var switched = Trainer.Train(data, Relu, spec with { SamSchedule = SamSchedule.Switch, SamSteps = 3, MaxSteps = 8 },
            new RandomSource(2), DenseKernels.Default, width: 20);
        var sam = Trainer.Train(data, Relu, spec with { MaxSteps = 3 }, new RandomSource(2), DenseKernels.Default, width: 20);

        var gd = Trainer.Train(data, Relu, new TrainingSpec { LearningRate = 0.03, LossTolerance = 1e-300, MaxSteps = 5 },
            new RandomSource(2), DenseKernels.Default, start: sam.State);

        var expected = TrainingFixtures.Flatten(gd.State);
        var actual = TrainingFixtures.Flatten(switched.State);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-13 * Math.Max(1, Math.Abs(expected[i])));
    }

    [Theory]
    [InlineData(1, 20)]
    [InlineData(3, 12)]
    public void GivenUniformDirections_WhenTheirMeanAlignmentIsSampled_ThenTheExactRandomMeanLiesWithinFourStandardErrors(int r, int d)
    {
        var random = new RandomSource(17);
        const int samples = 40_000;
        var values = new double[samples];
        for (var s = 0; s < samples; s++)
        {
            var w = Enumerable.Range(0, d).Select(_ => random.NextGaussian()).ToArray();
            var norm = Math.Sqrt(w.Sum(v => v * v));
            values[s] = Math.Sqrt(w.Take(r).Sum(v => v * v)) / norm; // U = the first r coordinates
        }
        var mean = values.Average();
        var se = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (samples - 1) / samples);

        var exact = Alignment.RandomMean(r, d);

        Assert.InRange(exact, mean - 4 * se, mean + 4 * se);
        Assert.True(exact < Math.Sqrt((double)r / d)); // below the root mean square √(r/d) (Jensen)
    }
}
