using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.Population;
using FlatLab.Randomness;
using FlatLab.Tests.Flatness;
using FlatLab.Theory;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.Theory;

public sealed class HypercubeMonteCarloTests
{
    /// <summary>E (f − g)² + s² exactly, by enumerating all 2^d points of the hypercube.</summary>
    private static double Enumerated(DataModel model, Matrix<double> w, double[] a, Activation sigma)
    {
        var d = model.Dimension;
        var total = 0.0;
        var x = Matrix<double>.Build.Dense(1, d);
        var row = new double[d];
        for (var mask = 0; mask < 1 << d; mask++)
        {
            for (var c = 0; c < d; c++) row[c] = x[0, c] = ((mask >> c) & 1) == 1 ? 1 : -1;
            var e = NaiveNetwork.Output(x, 0, a, w, sigma) - model.Target(row);
            total += e * e;
        }
        return total / (1 << d) + model.NoiseStd * model.NoiseStd;
    }

    [Theory]
    [InlineData("relu", "single-index")]
    [InlineData("quadratic", "sum-single-index")]
    [InlineData("relu", "xor")]
    public void GivenSmallHypercube_WhenPopulationLossEstimated_ThenAgreesWithExactEnumerationWithinFourStandardErrors(string activation, string target)
    {
        const int d = 6, m = 5;
        var sigma = ActivationParser.Parse(activation);
        var random = new RandomSource(51).Fork(activation + target);
        var model = target == "xor"
            ? XorTarget.Model(d, 0.2)
            : DataModelFactory.Create(new DataModelSpec(d, 2, LinkKindNames.Parse(target), sigma, NoiseStd: 0.2), random.Fork("model"));
        var w = NaiveNetwork.Gaussian(m, d, random.Fork("w"));
        var a = NaiveNetwork.Gaussian(m, random.Fork("a"));

        var result = HypercubeMonteCarlo.PopulationLoss(model, w, a, sigma, 20_000, random.Fork("mc"));

        var exact = Enumerated(model, w, a, sigma);
        Assert.True(Math.Abs(result.Loss - exact) <= 4 * result.StandardError, $"Monte Carlo {result.Loss} ± {result.StandardError} vs exact {exact}");
        Assert.True(result.StandardError > 0);
        Assert.Equal(PopulationLossMethod.MonteCarlo, result.Method);
        Assert.Equal(0.04, result.NoiseVariance, 1e-15);
        Assert.Equal(20_000, result.SampleSize);
        Assert.True(result.Loss >= result.NoiseVariance);
    }

    [Fact]
    public void GivenTheXorTargetItself_WhenPopulationLossEstimated_ThenOnlyTheNoiseRemains()
    {
        // f = x₁x₂ exactly with the quadratic network (x₁+x₂)²/4 − (x₁−x₂)²/4: L_D = s² with zero variance.
        const int d = 4;
        var w = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 1, 0, 0 }, { 1, -1, 0, 0 } });
        var result = HypercubeMonteCarlo.PopulationLoss(XorTarget.Model(d, 0.5), w, [0.25, -0.25], ActivationParser.Parse("quadratic"),
            3000, new RandomSource(52));
        Assert.Equal(0.25, result.Loss, 1e-14);
        Assert.Equal(0, result.StandardError, 1e-14);
        Assert.Equal(1.0, result.SignalPower, 1e-15); // g² = 1 on every hypercube point
    }

    [Fact]
    public void GivenSameSeed_WhenEstimatedTwice_ThenBitIdentical()
    {
        var model = XorTarget.Model(5);
        var random = new RandomSource(53);
        var w = NaiveNetwork.Gaussian(3, 5, random.Fork("w"));
        double[] a = [0.5, -1, 2];
        var relu = ActivationParser.Parse("relu");
        var first = HypercubeMonteCarlo.PopulationLoss(model, w, a, relu, 5000, random.Fork("mc"));
        var second = HypercubeMonteCarlo.PopulationLoss(model, w, a, relu, 5000, random.Fork("mc"));
        Assert.Equal(first, second);
    }

    [Fact]
    public void GivenBadInput_WhenEstimated_ThenThrows()
    {
        var model = XorTarget.Model(5);
        var relu = ActivationParser.Parse("relu");
        var w = Matrix<double>.Build.Dense(3, 5, 1.0);
        Assert.Throws<ArgumentException>(() => HypercubeMonteCarlo.PopulationLoss(model, w, [1.0, 2.0], relu, 100, new RandomSource(1)));
        Assert.Throws<ArgumentException>(() => HypercubeMonteCarlo.PopulationLoss(model, Matrix<double>.Build.Dense(3, 4, 1.0), [1.0, 2, 3], relu, 100, new RandomSource(1)));
        Assert.Throws<ArgumentException>(() => HypercubeMonteCarlo.PopulationLoss(model, w, [1.0, 2, 3], relu, 1, new RandomSource(1)));
    }
}
