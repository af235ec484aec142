using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.Randomness;

namespace FlatLab.Tests.Data;

public sealed class HypercubeSamplerTests
{
    private static DataModel Model(double noise) =>
        DataModelFactory.Create(new DataModelSpec(5, 2, LinkKind.SumSingleIndex, ActivationParser.Parse("relu"), NoiseStd: noise),
            new RandomSource(41));

    [Fact]
    public void GivenManySamples_WhenDrawn_ThenCoordinatesHaveTheHypercubeMomentsWithinFourStandardErrors()
    {
        const int n = 20_000;
        var data = HypercubeSampler.Sample(Model(0), n, new RandomSource(42));
        var d = data.Dimension;

        Assert.All(data.Features.Enumerate(), v => Assert.True(v == 1 || v == -1, $"entry {v} is not ±1"));
        for (var a = 0; a < d; a++)
        {
            var column = data.Features.Column(a).ToArray();
            NumericChecks.AssertWithinFourErrors(0, column, $"E x_{a + 1}");          // SE = 1/√n
            Assert.Equal(1.0, column.Average(v => v * v), 1e-15);                      // E x² = 1 without variance
            Assert.Equal(1.0, column.Average(v => v * v * v * v), 1e-15);              // E x⁴ = 1 (Gaussian: 3)
            for (var b = a + 1; b < d; b++)
            {
                var product = Enumerable.Range(0, n).Select(i => data.Features[i, a] * data.Features[i, b]).ToArray();
                NumericChecks.AssertWithinFourErrors(0, product, $"E x_{a + 1} x_{b + 1}");
            }
        }
    }

    [Fact]
    public void GivenNoisyModel_WhenDrawn_ThenLabelsAreTargetPlusIndependentNoise()
    {
        const int n = 4000;
        const double s = 0.3;
        var clean = HypercubeSampler.Sample(Model(0), n, new RandomSource(43));
        var noisy = HypercubeSampler.Sample(Model(s), n, new RandomSource(43));

        // The features do not depend on the noise level; the clean labels are the target exactly.
        Assert.Equal(clean.Features, noisy.Features);
        var model = Model(0);
        var row = new double[clean.Dimension];
        for (var i = 0; i < n; i++)
        {
            for (var c = 0; c < row.Length; c++) row[c] = clean.Features[i, c];
            Assert.Equal(model.Target(row), clean.Labels[i]);
        }
        var eps = Enumerable.Range(0, n).Select(i => (noisy.Labels[i] - clean.Labels[i]) / s).ToArray();
        NumericChecks.AssertWithinFourErrors(0, eps, "E ε");
        // Var(ε²) = 2 for a standard normal ε.
        NumericChecks.AssertWithinFourErrors(1, eps.Select(e => e * e).ToArray(), "E ε²");
    }

    [Fact]
    public void GivenSameSeed_WhenDrawnTwice_ThenIdentical()
    {
        var first = HypercubeSampler.Sample(Model(0.1), 50, new RandomSource(44));
        var second = HypercubeSampler.Sample(Model(0.1), 50, new RandomSource(44));
        Assert.Equal(first.Features, second.Features);
        Assert.Equal(first.Labels, second.Labels);
    }

    [Fact]
    public void GivenNoSamples_WhenDrawn_ThenThrows() =>
        Assert.Throws<ArgumentException>(() => HypercubeSampler.Sample(Model(0), 0, new RandomSource(1)));
}
