using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.InnerWeights;
using FlatLab.LinearAlgebra;
using FlatLab.Population;
using FlatLab.Randomness;
using FlatLab.Solvers;
using FlatLab.Tests.Flatness;
using FlatLab.Training;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Tests.Training;

public sealed class TrainingDiagnosticsTests
{
    private const int N = 12, M = 40, D = 5;

    /// <summary>F_min(a, W) from docs/model.md §4 with explicit loops: â_j = ‖w_j‖^k a_j, S_j and T_j on the unit row.</summary>
    private static double NaiveOrbitMinimum(Matrix<double> x, double[] a, Matrix<double> w, Activation sigma)
    {
        var k = sigma.K;
        var total = 0.0;
        for (var j = 0; j < w.RowCount; j++)
        {
            var norm = w.Row(j).L2Norm();
            double s = 0, t = 0;
            for (var i = 0; i < x.RowCount; i++)
            {
                var z = 0.0;
                var sq = 0.0;
                for (var c = 0; c < x.ColumnCount; c++)
                {
                    z += w[j, c] / norm * x[i, c];
                    sq += x[i, c] * x[i, c];
                }
                s += sigma.Value(z) * sigma.Value(z);
                t += sigma.Derivative(z) * sigma.Derivative(z) * sq;
            }
            if (s == 0 || t == 0) continue;
            total += Math.Pow(Math.Abs(Math.Pow(norm, k) * a[j]), sigma.P) * Math.Pow(s, 1.0 / (k + 1)) * Math.Pow(t, (double)k / (k + 1));
        }
        return 2.0 / x.RowCount * (k + 1) * Math.Pow(k, -(double)k / (k + 1)) * total;
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("quadratic")]
    public void GivenATrainedNetwork_WhenMeasured_ThenEveryFieldMatchesItsDirectComputation(string name)
    {
        var sigma = ActivationParser.Parse(name);
        var (model, data) = TrainingFixtures.SingleIndex(name, N, D, 41);
        var trained = Trainer.Train(data, sigma, new TrainingSpec { EdgeOfStability = 0.5, MaxSteps = 20_000 }, new RandomSource(42), DenseKernels.Default, width: M);
        Assert.Equal(TrainingStatus.Interpolated, trained.Status);
        var theta = trained.State;

        var result = TrainingDiagnostics.Measure(data, model, theta, sigma, DenseKernels.Default, new RandomSource(43));

        var x = data.Features;
        Assert.Equal(NaiveNetwork.Loss(x, data.Labels, theta.Outer, theta.Inner, sigma), result.TrainingLoss, 1e-12 * result.TrainingLoss);
        Assert.True(result.Interpolates);
        var trace = NaiveNetwork.TraceFormula(x, data.Labels, theta.Outer, theta.Inner, sigma);
        Assert.Equal(trace, result.Flatness, 1e-11 * trace);
        var orbit = NaiveOrbitMinimum(x, theta.Outer, theta.Inner, sigma);
        Assert.Equal(orbit, result.FlatnessMin, 1e-11 * orbit);
        Assert.True(result.FlatnessMin < result.Flatness * (1 + 1e-12), "The orbit minimum cannot exceed F at a point of the orbit (up to the residual term).");

        // The flattest interpolator for the network's unit directions interpolates, and its F_min is its objective.
        Assert.Equal(SolverStatus.Solved, result.FlattestStatus);
        var unit = FlatLab.Networks.NeuronFeatures.UnitRows(theta.Inner);
        var outputs = NaiveNetwork.Outputs(x, result.FlattestOuterWeights, unit, sigma);
        Assert.True(outputs.Zip(data.Labels).Max(p => Math.Abs(p.First - p.Second)) < 1e-8);
        var flattest = NaiveOrbitMinimum(x, result.FlattestOuterWeights, unit, sigma);
        Assert.Equal(flattest, result.FlattestFlatnessMin, 1e-10 * flattest);
        Assert.Equal(result.FlatnessMin / result.FlattestFlatnessMin, result.FlatnessRatio, 1e-15 * result.FlatnessRatio);
        Assert.True(result.FlatnessRatio > 1, "Training does not find the flattest interpolator for its own directions exactly.");

        // Alignment: ‖U ŵ_j‖ by hand.
        var u = model.Directions;
        for (var j = 0; j < M; j++)
        {
            var row = theta.Inner.Row(j);
            Assert.Equal((u * row).L2Norm() / row.L2Norm(), result.Alignment.Values[j], 1e-14);
        }
        Assert.Equal(result.Alignment.Values.Average(), result.Alignment.Mean, 1e-15);
        Assert.Equal(Math.Sqrt(1.0 / D), result.Alignment.RandomBaseline, 1e-15);

        // Population losses, exact here (single-index link), against Monte Carlo on fresh samples within 4 standard errors.
        foreach (var (loss, a, w) in new[] { (result.PopulationLoss!, theta.Outer, (Matrix<double>)theta.Inner), (result.FlattestPopulationLoss!, result.FlattestOuterWeights, unit) })
        {
            Assert.Equal(PopulationLossMethod.Exact, loss.Method);
            var mc = PopulationLoss.MonteCarlo(model, w, a, sigma, DenseKernels.Default, 200_000, new RandomSource(44));
            Assert.True(Math.Abs(mc.Loss - loss.Loss) < 4 * mc.StandardError, $"exact {loss.Loss:G6}, Monte Carlo {mc.Loss:G6} ± {mc.StandardError:G3}");
        }
    }

    [Fact]
    public void GivenAnExactInterpolator_WhenMeasured_ThenRatioIsAtLeastOne_AndEqualsOneAtTheFlattestInterpolatorItself()
    {
        var sigma = ActivationParser.Parse("leaky-relu:0.2");
        var (model, sample) = TrainingFixtures.SingleIndex("leaky-relu:0.2", N, D, 51);
        var random = new RandomSource(52);
        var w = DenseMatrix.OfMatrix(NaiveNetwork.Gaussian(M, D, random.Fork("w")));
        var a = NaiveNetwork.Gaussian(M, random.Fork("a"));
        // Labels equal to the network's outputs: (a, W) interpolates exactly.
        var data = sample with { Labels = NaiveNetwork.Outputs(sample.Features, a, w, sigma) };

        var own = TrainingDiagnostics.Measure(data, model, new NetworkState(a, w), sigma, DenseKernels.Default, random);
        var unit = FlatLab.Networks.NeuronFeatures.UnitRows(w);
        var best = TrainingDiagnostics.Measure(data, model, new NetworkState(own.FlattestOuterWeights, unit), sigma, DenseKernels.Default, random);

        Assert.True(own.Interpolates);
        // Its own a (moved to the unit rows) is feasible for the problem the flattest one solves.
        Assert.True(own.FlatnessRatio >= 1 - 1e-9, $"ratio {own.FlatnessRatio:R}");
        Assert.True(own.FlatnessRatio > 1.01, "A Gaussian a is far from the minimum-norm solution.");
        Assert.Equal(1.0, best.FlatnessRatio, 1e-9);
        Assert.Equal(own.FlattestFlatnessMin, best.FlatnessMin, 1e-9 * best.FlatnessMin);
        // Rescaling does not change the population loss: the flattest network's own and recorded values agree.
        Assert.Equal(own.FlattestPopulationLoss!.Loss, best.PopulationLoss!.Loss, 1e-9 * best.PopulationLoss.Loss);
    }

    [Fact]
    public void GivenDirectionsAtAKnownCorrelation_WhenAlignmentComputed_ThenEveryStatisticIsThatCorrelation()
    {
        var model = TrainingFixtures.SingleIndex("relu", 4, 8, 3).Model;
        var w = CorrelatedWeights.Sample(model.Directions, 30, 0.35, new RandomSource(4));
        var scaled = Matrix<double>.Build.Dense(30, 8, (j, c) => (1 + j) * w[j, c]); // norms do not matter

        var result = Alignment.Compute(model.Directions, scaled, Enumerable.Repeat(1.0, 30).ToArray(), ActivationParser.Parse("relu"));

        foreach (var v in new[] { result.Mean, result.Quantile10, result.Median, result.Quantile90, result.WeightedMean })
            Assert.Equal(0.35, v, 1e-12);
    }

    [Fact]
    public void GivenKnownValuesAndWeights_WhenAlignmentStatisticsComputed_ThenQuantilesInterpolateAndTheMeanIsWeightedByEffectiveOuterWeights()
    {
        // U = e_1 in R²; row j = (cos θ_j, sin θ_j) · norm_j, so ρ_j = |cos θ_j|.
        var u = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 } });
        double[] rho = [0.1, 0.5, 0.2, 0.9, 0.3];
        double[] norms = [1, 2, 1, 0.5, 3];
        double[] a = [1, -1, 0, 4, 0.5];
        var w = Matrix<double>.Build.Dense(5, 2, (j, c) => norms[j] * (c == 0 ? rho[j] : Math.Sqrt(1 - rho[j] * rho[j])));

        var result = Alignment.Compute(u, w, a, ActivationParser.Parse("quadratic"));

        // Sorted 0.1 0.2 0.3 0.5 0.9; the q-quantile sits at position 4q: 0.4 → 0.14, 2 → 0.3, 3.6 → 0.5 + 0.6·0.4.
        Assert.Equal(0.14, result.Quantile10, 1e-15);
        Assert.Equal(0.3, result.Median, 1e-15);
        Assert.Equal(0.74, result.Quantile90, 1e-15);
        Assert.Equal(2.0 / 5, result.Mean, 1e-15);
        // ω_j = |a_j| ‖w_j‖² for k = 2.
        var omega = a.Select((v, j) => Math.Abs(v) * norms[j] * norms[j]).ToArray();
        Assert.Equal(omega.Zip(rho).Sum(p => p.First * p.Second) / omega.Sum(), result.WeightedMean, 1e-14);
    }

    [Fact]
    public void GivenADivergedNetwork_WhenMeasured_ThenEveryNumberIsNaNAndTheStatusSaysWhy()
    {
        var sigma = ActivationParser.Parse("relu");
        var (model, data) = TrainingFixtures.SingleIndex("relu", 6, 4, 1);
        var state = NetworkInitializer.Draw(10, 4, 1, new RandomSource(2));
        state.Inner[3, 1] = double.NaN;
        state.Outer[5] = double.PositiveInfinity;

        var result = TrainingDiagnostics.Measure(data, model, state, sigma, DenseKernels.Default, new RandomSource(3));

        Assert.Equal(SolverStatus.Unsolved, result.FlattestStatus);
        Assert.Contains("not finite", result.FlattestMessage);
        Assert.False(result.Interpolates);
        Assert.All(new[] { result.TrainingLoss, result.Flatness, result.FlatnessMin, result.FlattestFlatnessMin, result.FlatnessRatio },
            v => Assert.True(double.IsNaN(v)));
        Assert.Null(result.PopulationLoss);
        Assert.True(double.IsNaN(result.Alignment.Values[3]));
        Assert.False(double.IsNaN(result.Alignment.Values[0]));
    }

    [Fact]
    public void GivenMismatchedDimensions_WhenMeasured_ThenThrowsNamingBoth()
    {
        var (model, data) = TrainingFixtures.SingleIndex("relu", 6, 4, 1);
        var state = NetworkInitializer.Draw(10, 3, 1, new RandomSource(2));

        var error = Assert.Throws<ArgumentException>(() =>
            TrainingDiagnostics.Measure(data, model, state, ActivationParser.Parse("relu"), DenseKernels.Default, new RandomSource(3)));
        Assert.Contains("d = 4", error.Message);
    }
}
