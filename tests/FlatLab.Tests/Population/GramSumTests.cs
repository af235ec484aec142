using FlatLab.Activations;
using FlatLab.LinearAlgebra;
using FlatLab.Population;
using FlatLab.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.Population;

public sealed class GramSumTests
{
    [Theory]
    [InlineData("relu")]
    [InlineData("quadratic")]
    public void GivenMoreNeuronsThanOneBlock_WhenNetworkPowerIsSummed_ThenItMatchesTheNaiveDoubleSum(string name)
    {
        // 300 neurons span two blocks of the blocked, triangular, parallel sum.
        var sigma = ActivationParser.Parse(name);
        var random = new RandomSource(21);
        var w = Matrix<double>.Build.Dense(300, 8, (_, _) => random.NextGaussian());
        var a = Enumerable.Range(0, 300).Select(_ => random.NextGaussian()).ToArray();
        var network = new NetworkExpansion(w, a, sigma);
        var kernel = new ActivationPairKernel(sigma, sigma);
        var naive = 0.0;
        for (var j = 0; j < 300; j++)
            for (var l = 0; l < 300; l++)
            {
                var (nj, nl) = (w.Row(j).L2Norm(), w.Row(l).L2Norm());
                var scale = a[j] * a[l] * Math.Pow(nj * nl, sigma.K);
                naive += scale * kernel.Evaluate(w.Row(j).DotProduct(w.Row(l)) / (nj * nl));
            }
        var blocked = GramSum.NetworkPower(network, DenseKernels.Default);
        Assert.Equal(naive, blocked, 1e-10 * Math.Abs(naive));
        Assert.Equal(blocked, GramSum.NetworkPower(network, ManagedKernels.Instance), 1e-10 * Math.Abs(naive));
    }

    [Fact]
    public void GivenTheQuadraticFeatureLink_WhenTargetsAreBatched_ThenTheyMatchTheModelsOwnTarget()
    {
        var model = FlatLab.Data.DataModelFactory.Create(
            new FlatLab.Data.DataModelSpec(5, 1, FlatLab.Data.LinkKind.QuadraticFeature, ActivationParser.Parse("relu")), new RandomSource(3));
        var random = new RandomSource(4);
        var x = new double[7 * 5];
        random.FillGaussian(x);
        var batched = MonteCarloSampler.QuadraticTargets(model, model.QuadraticForm!.ToColumnMajorArray(), model.QuadraticForm.Trace(), x, 7, DenseKernels.Default);
        for (var i = 0; i < 7; i++) Assert.Equal(model.Target(x.AsSpan(i * 5, 5)), batched[i], 1e-12);
    }
}
