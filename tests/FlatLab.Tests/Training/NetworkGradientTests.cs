using FlatLab.Activations;
using FlatLab.LinearAlgebra;
using FlatLab.Randomness;
using FlatLab.Training;

namespace FlatLab.Tests.Training;

public sealed class NetworkGradientTests
{
    [Theory]
    [InlineData("quadratic")]
    [InlineData("relu-power:3")]
    [InlineData("relu")]
    [InlineData("leaky-relu:0.1")]
    [InlineData("abs")]
    public void GivenRandomParameters_WhenGradientComputed_ThenEveryCoordinateMatchesCentralDifferencesOfTheLoss(string name)
    {
        var sigma = ActivationParser.Parse(name);
        const int n = 9, d = 3, m = 5;
        var (_, data) = TrainingFixtures.SingleIndex(name, n, d, 11);
        var theta = NetworkInitializer.Draw(m, d, 1.0, new RandomSource(12).Fork(name));
        var x = TrainingFixtures.X(data);
        var gradient = NetworkState.Zero(m, d);

        var loss = NetworkGradient.Compute(x, data.Labels, theta, sigma, gradient, DenseKernels.Default);

        Assert.Equal(TrainingFixtures.NaiveLoss(data, theta, sigma), loss, 1e-13 * loss);
        // h = 1e-5: the O(h²) truncation of a central difference is ~1e-10 relative, rounding ~ε L/h ~ 1e-11.
        const double h = 1e-5;
        if (sigma.K == 1)
        {
            // The loss is smooth only away from the kinks: no pre-activation may cross 0 within a step.
            var margin = Flatness.NaiveNetwork.MinAbsPreActivation(x, theta.Inner);
            var reach = h * (x.Enumerate().Max(Math.Abs) + 1) * (d + 1);
            Assert.True(margin > 100 * reach, $"The test point lies too close to a kink (min |z| = {margin:G3}).");
        }
        var analytic = TrainingFixtures.Flatten(gradient);
        var point = TrainingFixtures.Flatten(theta);
        var scale = analytic.Max(Math.Abs);
        for (var i = 0; i < point.Length; i++)
        {
            var up = (double[])point.Clone();
            var down = (double[])point.Clone();
            up[i] += h;
            down[i] -= h;
            var fd = (TrainingFixtures.NaiveLoss(data, TrainingFixtures.Unflatten(up, m, d), sigma)
                      - TrainingFixtures.NaiveLoss(data, TrainingFixtures.Unflatten(down, m, d), sigma)) / (2 * h);
            // Relative 1e-6, with a floor of 1e-6 of the largest component for coordinates near 0.
            Assert.True(Math.Abs(fd - analytic[i]) <= 1e-6 * Math.Max(Math.Abs(analytic[i]), 1e-3 * scale),
                $"{name}, coordinate {i}: analytic {analytic[i]:R}, finite difference {fd:R}.");
        }
    }

    [Fact]
    public void GivenAnInterpolator_WhenGradientComputed_ThenLossAndGradientVanish()
    {
        var sigma = ActivationParser.Parse("relu");
        var theta = NetworkInitializer.Draw(6, 4, 1.0, new RandomSource(3));
        var (_, data) = TrainingFixtures.SingleIndex("relu", 8, 4, 5);
        // Labels made equal to the network's outputs: every residual is 0.
        var labels = Flatness.NaiveNetwork.Outputs(data.Features, theta.Outer, theta.Inner, sigma);
        var gradient = NetworkState.Zero(6, 4);
        gradient.Map(_ => 1.0);

        var loss = NetworkGradient.Compute(TrainingFixtures.X(data), labels, theta, sigma, gradient, DenseKernels.Default);

        Assert.True(loss < 1e-28);
        Assert.True(gradient.Norm() < 1e-13, $"‖∇L‖ = {gradient.Norm():G3} at an interpolator.");
    }
}
