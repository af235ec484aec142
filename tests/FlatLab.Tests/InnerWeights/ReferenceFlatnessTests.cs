using FlatLab.LinearAlgebra;
using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.Randomness;
using FlatLab.InnerWeights;

namespace FlatLab.Tests.InnerWeights;

public sealed class ReferenceFlatnessTests
{
    [Theory]
    [InlineData("relu", 6)]
    [InlineData("leaky-relu:0.1", 4)]
    [InlineData("quadratic", 5)]
    [InlineData("relu-power:3", 3)]
    public void GivenNoiselessSingleIndex_WhenReferenceFlatnessComputed_ThenInterpolatesAndEqualsTheHandFormula(string activation, int m)
    {
        const int n = 30, d = 7;
        var sigma = ActivationParser.Parse(activation);
        var random = new RandomSource(13).Fork(activation);
        var model = DataModelFactory.Create(new DataModelSpec(d, 1, LinkKind.SingleIndex, sigma), random.Fork("model"));
        var data = DataSampler.Sample(model, n, random.Fork("data"));

        var result = ReferenceFlatness.Compute(model, data, sigma, m, DenseKernels.Default);

        Assert.True(result.IsAvailable);
        Assert.True(result.Interpolates, $"max residual {result.MaxAbsResidual}");
        // By hand: every w_j = u, a_j = 1/m, so S_j = S, T_j = T for all j and
        // F_min = (2/n)(k+1)k^{−k/(k+1)} · m · (1/m)^p · S^{1/(k+1)} T^{k/(k+1)}.
        var u = model.Directions.Row(0);
        double s = 0, t = 0;
        for (var i = 0; i < n; i++)
        {
            double z = 0, sq = 0;
            for (var c = 0; c < d; c++)
            {
                z += u[c] * data.Features[i, c];
                sq += data.Features[i, c] * data.Features[i, c];
            }
            s += sigma.Value(z) * sigma.Value(z);
            t += sigma.Derivative(z) * sigma.Derivative(z) * sq;
        }
        var k = sigma.K;
        var p = 2.0 * k / (k + 1);
        var expected = 2.0 / n * (k + 1) * Math.Pow(k, -(double)k / (k + 1)) * m * Math.Pow(1.0 / m, p)
                       * Math.Pow(s, 1.0 / (k + 1)) * Math.Pow(t, (double)k / (k + 1));
        Assert.Equal(expected, result.FlatnessMin, 1e-12 * expected);
        Assert.Equal(m * Math.Pow(1.0 / m, p), result.UnitLpNorm, 1e-14);
    }

    [Fact]
    public void GivenNoisyLabels_WhenReferenceFlatnessComputed_ThenReportsThatItDoesNotInterpolate()
    {
        var relu = ActivationParser.Parse("relu");
        var random = new RandomSource(14);
        var model = DataModelFactory.Create(new DataModelSpec(5, 1, LinkKind.SingleIndex, relu, NoiseStd: 0.1), random.Fork("model"));
        var data = DataSampler.Sample(model, 20, random.Fork("data"));

        var result = ReferenceFlatness.Compute(model, data, relu, 4, DenseKernels.Default);

        Assert.True(result.IsAvailable);
        Assert.False(result.Interpolates);
        Assert.True(result.MaxAbsResidual > 1e-3 && double.IsFinite(result.FlatnessMin) && result.FlatnessMin > 0);
    }

    [Fact]
    public void GivenQuadraticFeatureLink_WhenReferenceFlatnessComputed_ThenNaNWithAReason()
    {
        var relu = ActivationParser.Parse("relu");
        var random = new RandomSource(15);
        var model = DataModelFactory.Create(new DataModelSpec(5, 1, LinkKind.QuadraticFeature, relu), random.Fork("model"));
        var data = DataSampler.Sample(model, 10, random.Fork("data"));

        var result = ReferenceFlatness.Compute(model, data, relu, 4, DenseKernels.Default);

        Assert.False(result.IsAvailable);
        Assert.Contains("quadratic-feature", result.Reason);
        Assert.True(double.IsNaN(result.FlatnessMin) && double.IsNaN(result.MaxAbsResidual));
        Assert.False(result.Interpolates);
    }

    [Fact]
    public void GivenMismatchedActivation_WhenReferenceFlatnessComputed_ThenNaNWithAReason()
    {
        var random = new RandomSource(16);
        var model = DataModelFactory.Create(new DataModelSpec(5, 1, LinkKind.SingleIndex, ActivationParser.Parse("relu")), random.Fork("model"));
        var data = DataSampler.Sample(model, 10, random.Fork("data"));
        var result = ReferenceFlatness.Compute(model, data, ActivationParser.Parse("quadratic"), 4, DenseKernels.Default);
        Assert.False(result.IsAvailable);
        Assert.True(double.IsNaN(result.FlatnessMin));
    }

    [Fact]
    public void GivenDataOfAnotherDimension_WhenReferenceFlatnessComputed_ThenThrows()
    {
        var relu = ActivationParser.Parse("relu");
        var random = new RandomSource(17);
        var model = DataModelFactory.Create(new DataModelSpec(5, 1, LinkKind.SingleIndex, relu), random.Fork("model"));
        var other = DataModelFactory.Create(new DataModelSpec(6, 1, LinkKind.SingleIndex, relu), random.Fork("other"));
        var data = DataSampler.Sample(other, 10, random.Fork("data"));
        Assert.Throws<ArgumentException>(() => ReferenceFlatness.Compute(model, data, relu, 4, DenseKernels.Default));
    }
}
