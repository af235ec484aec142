using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.Data;

public sealed class DataSamplerTests
{
    /// <summary>g(x) written out from docs/model.md §1, independently of <see cref="DataModel.Target"/>.</summary>
    private static double Link(DataModel model, Vector<double> x)
    {
        var ux = model.Directions * x;
        var s = model.LinkActivation;
        return model.Link switch
        {
            LinkKind.SingleIndex => s.Value(ux[0]),
            LinkKind.Linear => ux[0],
            LinkKind.SumSingleIndex => Enumerable.Range(0, model.Rank).Sum(r => model.Coefficients[r] * s.Value(ux[r])),
            LinkKind.Teacher => Enumerable.Range(0, model.Coefficients.Length)
                .Sum(l => model.Coefficients[l] * s.Value(model.TeacherWeights!.Row(l) * ux)),
            LinkKind.QuadraticFeature => s.Value(x * model.QuadraticForm! * x - model.QuadraticForm!.Trace()),
            _ => throw new InvalidOperationException(),
        };
    }

    [Theory]
    [InlineData("single-index", "relu")]
    [InlineData("sum-single-index", "quadratic")]
    [InlineData("linear", "relu")]
    [InlineData("teacher", "leaky-relu:0.1")]
    [InlineData("quadratic-feature", "relu")]
    public void GivenNoiselessModel_WhenSampled_ThenLabelsEqualTheLink(string link, string activation)
    {
        var model = DataModelFactory.Create(
            new DataModelSpec(6, 3, LinkKindNames.Parse(link), ActivationParser.Parse(activation)), new RandomSource(8));
        var data = DataSampler.Sample(model, 40, new RandomSource(9)).Validate();
        Assert.Equal(40, data.Count);
        Assert.Equal(6, data.Dimension);
        for (var i = 0; i < data.Count; i++)
        {
            var expected = Link(model, data.Features.Row(i));
            Assert.Equal(expected, data.Labels[i], 1e-12 * (1 + Math.Abs(expected)));
        }
    }

    [Fact]
    public void GivenNoisyModel_WhenSampled_ThenResidualsHaveMeanZeroAndVarianceSSquaredWithinFourStandardErrors()
    {
        const double s = 0.3;
        const int n = 20_000;
        var model = DataModelFactory.Create(
            new DataModelSpec(4, 1, LinkKind.SingleIndex, ActivationParser.Parse("relu"), NoiseStd: s), new RandomSource(8));
        var data = DataSampler.Sample(model, n, new RandomSource(10));
        var noise = Enumerable.Range(0, n).Select(i => data.Labels[i] - Link(model, data.Features.Row(i))).ToArray();
        var mean = noise.Average();
        var variance = noise.Select(e => (e - mean) * (e - mean)).Sum() / (n - 1);
        Assert.True(Math.Abs(mean) < 4 * s / Math.Sqrt(n), $"noise mean {mean}");
        Assert.True(Math.Abs(variance - s * s) < 4 * s * s * Math.Sqrt(2.0 / n), $"noise variance {variance}");
        // Features are standard Gaussian too.
        var x = data.Features.Enumerate().ToArray();
        Assert.True(Math.Abs(x.Average()) < 4 / Math.Sqrt(x.Length));
    }

    [Fact]
    public void GivenSameSeed_WhenSampledTwice_ThenIdenticalData()
    {
        var model = DataModelFactory.Create(
            new DataModelSpec(5, 1, LinkKind.SingleIndex, ActivationParser.Parse("abs"), NoiseStd: 0.1), new RandomSource(1));
        var a = DataSampler.Sample(model, 30, new RandomSource(2));
        var b = DataSampler.Sample(model, 30, new RandomSource(2));
        Assert.Equal(a.Features, b.Features);
        Assert.Equal(a.Labels, b.Labels);
        Assert.Throws<ArgumentException>(() => DataSampler.Sample(model, 0, new RandomSource(2)));
    }
}
