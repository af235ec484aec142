using FlatLab.Activations;
using FlatLab.LinearAlgebra;
using FlatLab.Randomness;
using FlatLab.Training;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.Training;

/// <summary>The mean-field parameterisation against computations that do not use the trainer's code:
/// central differences of the loss written with loops, the width scaling of one step, a dense Hessian.</summary>
public sealed class ParameterizationTests
{
    [Theory]
    [InlineData("quadratic")]
    [InlineData("relu-power:3")]
    public void GivenMeanField_WhenOneGdStepTaken_ThenItIsAStepOnTheScaledObjectiveInTheScaledCoordinates(string name)
    {
        // Given f = (1/m) Σ ã_j σ(w_j·x) trained on m·L_S in θ̃ = (ã, W)
        var sigma = ActivationParser.Parse(name);
        const int n = 10, d = 4, m = 8;
        const double eta = 0.3;
        var (_, data) = TrainingFixtures.SingleIndex(name, n, d, 5);
        var spec = new TrainingSpec { Parameterization = Parameterization.MeanField, LearningRate = eta, MaxSteps = 1, LossTolerance = 1e-300 };
        var start = NetworkInitializer.Draw(m, d, 1.0, new RandomSource(3), Parameterization.MeanField);

        // When
        var result = Trainer.Train(data, sigma, spec, new RandomSource(1), DenseKernels.Default, start: start);

        // Then (θ̃₀ − θ̃₁)/η is the gradient of L̃(ã, W) = m L_S(ã/m, W), by central differences of the loss alone
        double Scaled(double[] tilde)
        {
            var v = (double[])tilde.Clone();
            for (var j = 0; j < m; j++) v[j] /= m;
            return m * TrainingFixtures.NaiveLoss(data, TrainingFixtures.Unflatten(v, m, d), sigma);
        }
        double[] Tilde(NetworkState s)
        {
            var v = TrainingFixtures.Flatten(s);
            for (var j = 0; j < m; j++) v[j] *= m;
            return v;
        }
        var before = Tilde(start);
        var after = Tilde(result.State);
        const double h = 1e-5;
        for (var i = 0; i < before.Length; i++)
        {
            var up = (double[])before.Clone();
            var down = (double[])before.Clone();
            up[i] += h;
            down[i] -= h;
            var expected = (Scaled(up) - Scaled(down)) / (2 * h);
            var actual = (before[i] - after[i]) / eta;
            Assert.Equal(expected, actual, 1e-6 * Math.Max(1, Math.Abs(expected)));
        }
        // The outer layer really is on the 1/m scale and moved (the check above is not vacuous).
        Assert.All(start.Outer, a => Assert.True(Math.Abs(a) < 5.0 / m));
        Assert.NotEqual(TrainingFixtures.Flatten(start), TrainingFixtures.Flatten(result.State));
    }

    [Theory]
    [InlineData(Parameterization.MeanField, 0.0)]
    [InlineData(Parameterization.Standard, -0.5)]
    public void GivenOneGdStepAtSeveralWidths_WhenTheNeuronsMovementIsFitAgainstM_ThenItScalesAsTheParameterisationSays(
        Parameterization parameterization, double slope)
    {
        // Given the same data and step size at m = 16 … 4096, five starts per width (the residual at the start
        // varies between draws by a factor of order one, the same at every width)
        var sigma = ActivationParser.Parse("relu");
        var (_, data) = TrainingFixtures.SingleIndex("relu", 20, 6, 11);
        int[] widths = [16, 64, 256, 1024, 4096];
        var logM = new List<double>();
        var logMove = new List<double>();
        var outputChange = new List<double>();
        foreach (var m in widths)
        {
            double logMoves = 0, changes = 0;
            const int draws = 5;
            for (var draw = 0; draw < draws; draw++)
            {
                var start = NetworkInitializer.Draw(m, 6, 1.0, new RandomSource(7).Fork($"m{m}/{draw}"), parameterization);
                var spec = new TrainingSpec { Parameterization = parameterization, LearningRate = 0.05, MaxSteps = 1, LossTolerance = 1e-300 };

                // When one step is taken
                var end = Trainer.Train(data, sigma, spec, new RandomSource(1), DenseKernels.Default, start: start).State;

                logMoves += Math.Log(Enumerable.Range(0, m).Average(j => (end.Inner.Row(j) - start.Inner.Row(j)).L2Norm())) / draws;
                changes += Math.Sqrt(Enumerable.Range(0, data.Count).Average(i =>
                    Math.Pow(Output(end, data.Features.Row(i), sigma) - Output(start, data.Features.Row(i), sigma), 2))) / draws;
            }
            logM.Add(Math.Log(m));
            logMove.Add(logMoves);
            outputChange.Add(changes);
        }

        // Then the mean ‖Δw_j‖ goes as m^slope: m⁰ (μP: features move at every width), m^(−1/2) (standard: lazy as m grows)
        var fitted = MathNet.Numerics.Fit.Line(logM.ToArray(), logMove.ToArray()).B;
        Assert.InRange(fitted, slope - 0.1, slope + 0.1);
        if (parameterization == Parameterization.MeanField)
            // and the change of the function is of order one at every width
            Assert.InRange(outputChange.Max() / outputChange.Min(), 1, 1.5);
    }

    private static double Output(NetworkState s, Vector<double> x, Activation sigma) =>
        Enumerable.Range(0, s.Width).Sum(j => s.Outer[j] * sigma.Value(s.Inner.Row(j) * x));

    [Fact]
    public void GivenMeanFieldStart_WhenSharpnessComputed_ThenMatchesTheDenseHessianOfTheScaledObjective()
    {
        // Given a mean-field start, where the a–W cross terms give eigenvalues of both signs
        var sigma = ActivationParser.Parse("quadratic");
        const int n = 6, d = 2, m = 3;
        var (_, data) = TrainingFixtures.SingleIndex("quadratic", n, d, 4);
        var network = NetworkInitializer.Draw(m, d, 1.0, new RandomSource(4).Fork("theta"), Parameterization.MeanField);
        var objective = TrainingObjective.For(Parameterization.MeanField, m, sigma, DenseKernels.Default);
        var theta = objective.ToTrained(network);

        // When
        var lambda = Sharpness.Compute(TrainingFixtures.X(data), data.Labels, theta, objective, new RandomSource(4).Fork("power")).Eigenvalue;

        // Then it is the largest eigenvalue of the Hessian of m L_S(ã/m, W), from second differences of the loss alone
        var point = TrainingFixtures.Flatten(theta);
        const double h = 1e-4;
        double LossAt(int i, double si, int j, double sj)
        {
            var v = (double[])point.Clone();
            v[i] += si * h;
            v[j] += sj * h;
            for (var k = 0; k < m; k++) v[k] /= m;
            return m * TrainingFixtures.NaiveLoss(data, TrainingFixtures.Unflatten(v, m, d), sigma);
        }
        var hessian = Matrix<double>.Build.Dense(point.Length, point.Length, (i, j) =>
            (LossAt(i, 1, j, 1) - LossAt(i, 1, j, -1) - LossAt(i, -1, j, 1) + LossAt(i, -1, j, -1)) / (4 * h * h));
        hessian = (hessian + hessian.Transpose()) / 2;
        var eigenvalues = hessian.Evd(Symmetricity.Symmetric).EigenValues.Select(e => e.Real).Order().ToArray();
        Assert.True(eigenvalues[0] < 0 && eigenvalues[^1] > 0);
        Assert.Equal(eigenvalues[^1], lambda, 1e-4 * Math.Abs(eigenvalues[^1]));
    }

    [Fact]
    public void GivenStandardParameterisation_WhenTheObjectiveIsBuilt_ThenTheTrainerSeesTheNetworkUnchanged()
    {
        var network = NetworkInitializer.Draw(5, 3, 1.0, new RandomSource(2));
        var objective = TrainingObjective.For(Parameterization.Standard, 5, ActivationParser.Parse("relu"), DenseKernels.Default);

        Assert.Equal(TrainingFixtures.Flatten(network), TrainingFixtures.Flatten(objective.ToTrained(network)));
        // The standard draw is the documented one, a_j = s g_j / √m, bit for bit.
        var outer = new RandomSource(2).Fork("outer");
        for (var j = 0; j < 5; j++) Assert.Equal(outer.NextGaussian() / Math.Sqrt(5), network.Outer[j]);
    }
}
