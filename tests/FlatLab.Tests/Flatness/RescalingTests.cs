using FlatLab.LinearAlgebra;
using FlatLab.Networks;
using FlatLab.Activations;
using FlatLab.Flatness;
using FlatLab.Randomness;

namespace FlatLab.Tests.Flatness;

public sealed class RescalingTests
{
    [Theory]
    [InlineData("relu")]
    [InlineData("leaky-relu:0.1")]
    [InlineData("quadratic")]
    [InlineData("relu-power:3")]
    public void GivenPositiveScales_WhenNetworkRescaled_ThenOutputsAndLossUnchangedButFlatnessChanges(string name)
    {
        var sigma = ActivationParser.Parse(name);
        var random = new RandomSource(3).Fork(name);
        const int n = 20, d = 5, m = 7;
        var x = NaiveNetwork.Gaussian(n, d, random);
        var w = NaiveNetwork.Gaussian(m, d, random);
        var a = NaiveNetwork.Gaussian(m, random);
        var y = NaiveNetwork.Gaussian(n, random);
        var t = Enumerable.Range(0, m).Select(_ => Math.Exp(2 * random.NextDouble() - 1)).ToArray(); // t ∈ [1/e, e]

        var rescaled = Rescaling.Apply(a, w, t, sigma.K);

        // Independent check of the rescaled parameters themselves.
        for (var j = 0; j < m; j++)
        {
            Assert.Equal(a[j] / Math.Pow(t[j], sigma.K), rescaled.OuterWeights[j], 1e-14 * Math.Abs(a[j]) * 10);
            for (var c = 0; c < d; c++) Assert.Equal(t[j] * w[j, c], rescaled.InnerWeights[j, c], 1e-15);
        }
        var before = NaiveNetwork.Outputs(x, a, w, sigma);
        var after = NaiveNetwork.Outputs(x, rescaled.OuterWeights, rescaled.InnerWeights, sigma);
        for (var i = 0; i < n; i++) Assert.Equal(before[i], after[i], 1e-12 * (1 + Math.Abs(before[i])));

        var f0 = HessianTrace.Compute(x, y, a, w, sigma, DenseKernels.Default);
        var f1 = HessianTrace.Compute(x, y, rescaled.OuterWeights, rescaled.InnerWeights, sigma, DenseKernels.Default);
        Assert.Equal(f0.EmpiricalLoss, f1.EmpiricalLoss, 1e-12 * f0.EmpiricalLoss);
        Assert.True(Math.Abs(f1.Trace - f0.Trace) > 0.01 * Math.Abs(f0.Trace),
            $"F should change under rescaling: {f0.Trace} vs {f1.Trace}");
    }

    [Fact]
    public void GivenUnitScales_WhenRescaled_ThenParametersUnchanged()
    {
        var random = new RandomSource(5);
        var w = NaiveNetwork.Gaussian(3, 4, random);
        var a = NaiveNetwork.Gaussian(3, random);
        var same = Rescaling.Apply(a, w, [1, 1, 1], 2);
        Assert.Equal(a, same.OuterWeights);
        Assert.Equal(w, same.InnerWeights);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void GivenNonPositiveScale_WhenRescaled_ThenThrows(double bad)
    {
        var random = new RandomSource(5);
        var w = NaiveNetwork.Gaussian(2, 3, random);
        var ex = Assert.Throws<ArgumentException>(() => Rescaling.Apply([1, 1], w, [1, bad], 1));
        Assert.Contains("t_2", ex.Message);
    }

    [Fact]
    public void GivenWrongNumberOfScales_WhenRescaled_ThenThrows()
    {
        var w = NaiveNetwork.Gaussian(2, 3, new RandomSource(1));
        Assert.Throws<ArgumentException>(() => Rescaling.Apply([1, 1], w, [1], 1));
        Assert.Throws<ArgumentException>(() => Rescaling.Apply([1], w, [1, 1], 1));
    }
}
