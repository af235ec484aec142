using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.LinearAlgebra;
using FlatLab.Randomness;
using FlatLab.Training;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.Training;

public sealed class TrainerTests
{
    private static readonly Activation Relu = ActivationParser.Parse("relu");

    private static Dataset Small(ulong seed = 21) => TrainingFixtures.SingleIndex("relu", 12, 5, seed).Data;

    [Theory]
    [InlineData(OptimizerKind.Sam)]
    [InlineData(OptimizerKind.Asam)]
    public void GivenRadiusZero_WhenSamOrAsamTrains_ThenEveryStepIsBitIdenticalToGradientDescent(OptimizerKind kind)
    {
        var data = Small();
        var gd = new TrainingSpec { LearningRate = 0.03, MaxSteps = 25, LossTolerance = 1e-300, RecordEvery = 1 };
        var gdStates = new List<NetworkState>();
        var samStates = new List<NetworkState>();

        Trainer.Train(data, Relu, gd, new RandomSource(9), DenseKernels.Default, record: (_, s) => gdStates.Add(s), width: 20);
        Trainer.Train(data, Relu, gd with { Optimizer = kind, SamRadius = 0 }, new RandomSource(9), DenseKernels.Default, record: (_, s) => samStates.Add(s), width: 20);
        var moved = Trainer.Train(data, Relu, gd with { Optimizer = kind, SamRadius = 0.05 }, new RandomSource(9), DenseKernels.Default, width: 20);

        Assert.Equal(26, gdStates.Count);
        Assert.Equal(gdStates.Count, samStates.Count);
        for (var s = 0; s < gdStates.Count; s++)
            Assert.Equal(TrainingFixtures.Flatten(gdStates[s]), TrainingFixtures.Flatten(samStates[s]));
        // A positive radius changes the path: the comparison above can fail.
        Assert.NotEqual(TrainingFixtures.Flatten(gdStates[^1]), TrainingFixtures.Flatten(moved.State));
    }

    [Theory]
    [InlineData(OptimizerKind.Sam)]
    [InlineData(OptimizerKind.Asam)]
    public void GivenPositiveRadius_WhenOneStepTaken_ThenEqualsTheGradientAtTheAscentPointComputedByHand(OptimizerKind kind)
    {
        var data = Small();
        var spec = new TrainingSpec { Optimizer = kind, LearningRate = 0.03, SamRadius = 0.1, AsamEta = 0.01, MaxSteps = 1, LossTolerance = 1e-300 };
        var start = NetworkInitializer.Draw(20, 5, 1.0, new RandomSource(4));
        var x = TrainingFixtures.X(data);

        var result = Trainer.Train(data, Relu, spec, new RandomSource(1), DenseKernels.Default, start: start);

        // Foret et al. (2021): ε = ρ g/‖g‖; Kwon et al. (2021): ε = ρ T²g/‖Tg‖ with T = diag(|θ| + η).
        var theta = TrainingFixtures.Flatten(start);
        var g = TrainingFixtures.Flatten(Gradient(x, data.Labels, start));
        var t = kind == OptimizerKind.Asam ? theta.Select(v => Math.Abs(v) + spec.AsamEta).ToArray() : theta.Select(_ => 1.0).ToArray();
        var norm = Math.Sqrt(g.Select((gi, i) => t[i] * gi * t[i] * gi).Sum());
        var ascent = theta.Select((v, i) => v + spec.SamRadius * t[i] * t[i] * g[i] / norm).ToArray();
        var perturbedGradient = TrainingFixtures.Flatten(Gradient(x, data.Labels, TrainingFixtures.Unflatten(ascent, 20, 5)));
        var expected = theta.Select((v, i) => v - spec.LearningRate * perturbedGradient[i]).ToArray();
        var actual = TrainingFixtures.Flatten(result.State);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-14 * Math.Max(1, Math.Abs(expected[i])));
        // The ascent really moved the evaluation point: plain GD lands elsewhere.
        var gdStep = theta.Select((v, i) => v - spec.LearningRate * g[i]).ToArray();
        Assert.True(expected.Zip(gdStep).Max(p => Math.Abs(p.First - p.Second)) > 1e-6);
    }

    [Theory]
    [InlineData(OptimizerKind.GradientDescent, 0.5, 12)]
    [InlineData(OptimizerKind.Sgd, 0.3, 4)]
    public void GivenSmallReluProblem_WhenTrained_ThenReachesTheLossTolerance(OptimizerKind kind, double fraction, int batch)
    {
        var data = Small();
        var spec = new TrainingSpec { Optimizer = kind, EdgeOfStability = fraction, BatchSize = batch, MaxSteps = 20_000, LossTolerance = 1e-6 };

        var result = Trainer.Train(data, Relu, spec, new RandomSource(7), DenseKernels.Default, width: 40);

        Assert.Equal(TrainingStatus.Interpolated, result.Status);
        Assert.True(result.Steps < spec.MaxSteps);
        // The loss of the returned state, recomputed from its definition, is under the tolerance.
        var loss = TrainingFixtures.NaiveLoss(data, result.State, Relu);
        Assert.True(loss < spec.LossTolerance, $"loss {loss:G3}");
        Assert.Equal(loss, result.FinalLoss, 1e-12 * loss);
        Assert.Equal((result.Steps, result.FinalLoss), result.Losses[^1]);
    }

    [Fact]
    public void GivenEdgeOfStability_WhenTrainingStarts_ThenStepIsTheFractionOfTwoOverTheSharpnessAtInitialisation()
    {
        var data = Small();
        var random = new RandomSource(31);
        var spec = new TrainingSpec { EdgeOfStability = 0.7, MaxSteps = 1, LossTolerance = 1e-300 };

        var result = Trainer.Train(data, Relu, spec, random, DenseKernels.Default, width: 20);

        // The trainer's documented streams: the initial state from Fork("init"), power iteration from Fork("sharpness").
        var start = NetworkInitializer.Draw(20, 5, spec.InitScale, random.Fork("init"));
        var lambda = Sharpness.Compute(TrainingFixtures.X(data), data.Labels, start, Relu, random.Fork("sharpness"), DenseKernels.Default).Eigenvalue;
        Assert.True(lambda > 0);
        Assert.Equal(0.7 * 2 / lambda, result.LearningRate, 1e-15 * result.LearningRate);
    }

    [Theory]
    [InlineData("quadratic", 1UL)]
    [InlineData("quadratic", 2UL)]
    [InlineData("relu-power:3", 3UL)] // here the most negative eigenvalue dominates in magnitude
    public void GivenTinyProblem_WhenSharpnessComputed_ThenMatchesTheLargestEigenvalueOfTheDenseFiniteDifferenceHessian(string name, ulong seed)
    {
        var sigma = ActivationParser.Parse(name);
        const int n = 6, d = 2, m = 3;
        var (_, data) = TrainingFixtures.SingleIndex(name, n, d, seed);
        var theta = NetworkInitializer.Draw(m, d, 1.0, new RandomSource(seed).Fork("theta"));

        var sharpness = Sharpness.Compute(TrainingFixtures.X(data), data.Labels, theta, sigma, new RandomSource(seed).Fork("power"), DenseKernels.Default);
        Assert.True(sharpness.IsConverged);
        var lambda = sharpness.Eigenvalue;

        // The Hessian entry by entry from second differences of the loss alone (no gradient code):
        // H_ab ≈ [L(θ+he_a+he_b) − L(θ+he_a−he_b) − L(θ−he_a+he_b) + L(θ−he_a−he_b)] / 4h², error O(h²) + O(ε L/h²) ≈ 1e-7.
        var point = TrainingFixtures.Flatten(theta);
        var size = point.Length;
        const double h = 1e-4;
        double LossAt(int i, double si, int j, double sj)
        {
            var v = (double[])point.Clone();
            v[i] += si * h;
            v[j] += sj * h;
            return TrainingFixtures.NaiveLoss(data, TrainingFixtures.Unflatten(v, m, d), sigma);
        }
        var hessian = Matrix<double>.Build.Dense(size, size, (i, j) =>
            (LossAt(i, 1, j, 1) - LossAt(i, 1, j, -1) - LossAt(i, -1, j, 1) + LossAt(i, -1, j, -1)) / (4 * h * h));
        hessian = (hessian + hessian.Transpose()) / 2;
        var eigenvalues = hessian.Evd(Symmetricity.Symmetric).EigenValues.Select(e => e.Real).Order().ToArray();
        var largest = eigenvalues[^1];
        Assert.True(largest > 0);
        Assert.Equal(largest, lambda, 1e-5 * largest);
    }

    [Fact]
    public void GivenWeightDecay_WhenOneStepTaken_ThenParametersShrinkByOneMinusStepTimesDecayBeforeTheGradientStep()
    {
        var data = Small();
        var start = NetworkInitializer.Draw(20, 5, 1.0, new RandomSource(8));
        var spec = new TrainingSpec { LearningRate = 0.04, WeightDecay = 0.5, MaxSteps = 1, LossTolerance = 1e-300 };

        var decayed = Trainer.Train(data, Relu, spec, new RandomSource(1), DenseKernels.Default, start: start);
        var plain = Trainer.Train(data, Relu, spec with { WeightDecay = 0 }, new RandomSource(1), DenseKernels.Default, start: start);

        // θ₁ = (1 − lr·wd) θ₀ − lr ∇L(θ₀): the decoupled decay of docs/optimizers.md.
        var theta = TrainingFixtures.Flatten(start);
        var g = TrainingFixtures.Flatten(Gradient(TrainingFixtures.X(data), data.Labels, start));
        var expected = theta.Select((v, i) => (1 - 0.04 * 0.5) * v - 0.04 * g[i]).ToArray();
        var actual = TrainingFixtures.Flatten(decayed.State);
        var withoutDecay = TrainingFixtures.Flatten(plain.State);
        for (var i = 0; i < theta.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-15 * Math.Max(1, Math.Abs(expected[i])));
            // The difference to the undecayed step is exactly the shrinkage −lr·wd·θ₀.
            Assert.Equal(-0.04 * 0.5 * theta[i], actual[i] - withoutDecay[i], 1e-15 * Math.Max(1, Math.Abs(theta[i])));
        }
    }

    [Theory]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.Asam)]
    public void GivenSameSeed_WhenTrainedTwice_ThenIdenticalResults_AndAnotherSeedDiffers(OptimizerKind kind)
    {
        var data = Small();
        var spec = new TrainingSpec { Optimizer = kind, LearningRate = 0.03, BatchSize = 5, MaxSteps = 60, RecordEvery = 10, LossTolerance = 1e-300 };

        var first = Trainer.Train(data, Relu, spec, new RandomSource(77), DenseKernels.Default, width: 16);
        var second = Trainer.Train(data, Relu, spec, new RandomSource(77), DenseKernels.Default, width: 16);
        var other = Trainer.Train(data, Relu, spec, new RandomSource(78), DenseKernels.Default, width: 16);

        Assert.Equal(TrainingFixtures.Flatten(first.State), TrainingFixtures.Flatten(second.State));
        Assert.Equal(first.Losses, second.Losses);
        Assert.Equal((first.Status, first.Steps, first.FinalLoss, first.LearningRate), (second.Status, second.Steps, second.FinalLoss, second.LearningRate));
        Assert.NotEqual(TrainingFixtures.Flatten(first.State), TrainingFixtures.Flatten(other.State));
    }

    [Theory]
    [InlineData(12, 4)]
    [InlineData(10, 3)]
    public void GivenMiniBatches_WhenDrawnOverSeveralEpochs_ThenEachEpochVisitsDistinctSamplesFromAFreshPermutation(int count, int batch)
    {
        // Row i of X holds i, so a batch's rows name the samples it drew.
        var x = new MathNet.Numerics.LinearAlgebra.Double.DenseMatrix(count, 2, (double[])[.. Enumerable.Range(0, count).Select(i => (double)i), .. new double[count]]);
        var y = Enumerable.Range(0, count).Select(i => 100.0 + i).ToArray();
        var schedule = new BatchSchedule(count, batch, new RandomSource(5));
        var perEpoch = count / batch; // the remainder of an epoch is dropped, as with drop_last
        var epochs = new List<int[]>();

        for (var e = 0; e < 4; e++)
        {
            var seen = new List<int>();
            for (var b = 0; b < perEpoch; b++)
            {
                var (bx, by) = schedule.Next(x, y);
                Assert.Equal(batch, bx.RowCount);
                for (var r = 0; r < batch; r++)
                {
                    var i = (int)bx[r, 0];
                    Assert.Equal(100.0 + i, by[r]); // labels travel with their rows
                    seen.Add(i);
                }
            }
            Assert.Equal(seen.Count, seen.Distinct().Count());
            if (count % batch == 0) Assert.Equal(Enumerable.Range(0, count), seen.Order());
            epochs.Add([.. seen]);
        }
        // Reshuffled each epoch: not the same order every time.
        Assert.Contains(epochs.Skip(1), e => !e.SequenceEqual(epochs[0]));
    }

    [Theory]
    [InlineData(1, false)] // a step of 5 diverges, and the last step is a recording step
    [InlineData(3, false)]
    [InlineData(0, true)]  // the start already interpolates: the state at step 0 is the final one
    public void GivenAnyStop_WhenTrained_ThenTheRecordCallbackSeesTheFinalStateExactlyOnce(int recordEvery, bool startInterpolates)
    {
        var data = Small();
        var start = NetworkInitializer.Draw(20, 5, 1.0, new RandomSource(2));
        if (startInterpolates) data = data with { Labels = Flatness.NaiveNetwork.Outputs(data.Features, start.Outer, start.Inner, Relu) };
        var spec = new TrainingSpec { LearningRate = startInterpolates ? 0.01 : 5.0, MaxSteps = 500, RecordEvery = recordEvery };
        var records = new List<(int Step, NetworkState State)>();

        var result = Trainer.Train(data, Relu, spec, new RandomSource(3), DenseKernels.Default, record: (step, s) => records.Add((step, s)), start: start);

        Assert.Equal(startInterpolates ? TrainingStatus.Interpolated : TrainingStatus.Diverged, result.Status);
        Assert.Equal(records.Select(r => r.Step).Distinct().Count(), records.Count);
        Assert.Equal(result.Steps, records[^1].Step);
        Assert.Equal(TrainingFixtures.Flatten(result.State), TrainingFixtures.Flatten(records[^1].State));
    }

    [Fact]
    public void GivenNoStartAndNoWidth_WhenTrained_ThenThrowsNamingTheWidth()
    {
        var error = Assert.Throws<ArgumentException>(() => Trainer.Train(Small(), Relu, new TrainingSpec { MaxSteps = 5 }, new RandomSource(1), DenseKernels.Default));
        Assert.Contains("width m >= 1", error.Message);
    }

    [Fact]
    public void GivenAStartOfAnotherDimension_WhenTrained_ThenThrowsNamingBothDimensions()
    {
        var start = NetworkInitializer.Draw(10, 4, 1.0, new RandomSource(1));
        var error = Assert.Throws<ArgumentException>(() => Trainer.Train(Small(), Relu, new TrainingSpec { MaxSteps = 5 }, new RandomSource(1), DenseKernels.Default, start: start));
        Assert.Contains("d = 4", error.Message);
        Assert.Contains("d = 5", error.Message);
    }

    private static NetworkState Gradient(MathNet.Numerics.LinearAlgebra.Double.DenseMatrix x, double[] y, NetworkState theta)
    {
        var g = NetworkState.Zero(theta.Width, theta.Dimension);
        NetworkGradient.Compute(x, y, theta, Relu, g, DenseKernels.Default);
        return g;
    }
}
