using FlatLab.LinearAlgebra;
using FlatLab.Networks;
using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.Flatness;
using FlatLab.InnerWeights;
using FlatLab.Randomness;
using FlatLab.Tests.Flatness;

namespace FlatLab.Tests.InnerWeights;

public sealed class ReferenceInterpolatorTests
{
    public static TheoryData<string, int, string, string, int> Supported => new()
    {
        // link, r, link activation, network activation, m
        { "single-index", 1, "relu", "relu", 7 },
        { "single-index", 1, "leaky-relu:0.1", "leaky-relu:0.1", 5 },
        { "single-index", 1, "quadratic", "quadratic", 4 },
        { "single-index", 1, "relu", "1,2.5,0", 4 },          // σ = 2.5 σ*: proportional activations
        { "linear", 1, "relu", "linear", 3 },                  // the linear link's σ* is the identity
        { "sum-single-index", 3, "relu", "relu", 6 },
        { "sum-single-index", 3, "quadratic", "quadratic", 9 },
        { "sum-single-index", 2, "abs", "abs", 8 },
        { "teacher", 3, "relu-power:2", "relu-power:2", 6 },
        { "teacher", 2, "leaky-relu:0.2", "leaky-relu:0.2", 4 },
    };

    [Theory]
    [MemberData(nameof(Supported))]
    public void GivenNoiselessModelWithMatchingActivation_WhenReferenceBuilt_ThenInterpolatesTheLabelsExactly(
        string link, int r, string linkActivation, string networkActivation, int m)
    {
        var sigma = ActivationParser.Parse(networkActivation);
        var random = new RandomSource(31).Fork(link + linkActivation + m);
        var model = DataModelFactory.Create(
            new DataModelSpec(12, r, LinkKindNames.Parse(link), ActivationParser.Parse(linkActivation)), random.Fork("model"));
        var data = DataSampler.Sample(model, 60, random.Fork("data"));

        Assert.Null(ReferenceInterpolator.Unsupported(model, m, sigma));
        var reference = ReferenceInterpolator.Create(model, m, sigma);

        Assert.Equal(m, reference.Width);
        for (var j = 0; j < m; j++) Assert.Equal(1.0, reference.InnerWeights.Row(j).L2Norm(), 1e-12);
        var f = NaiveNetwork.Outputs(data.Features, reference.OuterWeights, reference.InnerWeights, sigma);
        var scale = data.Labels.Max(Math.Abs);
        Assert.True(scale > 0);
        for (var i = 0; i < f.Length; i++) Assert.Equal(data.Labels[i], f[i], 1e-12 * scale);
        var trace = HessianTrace.Compute(data.Features, data.Labels, reference.OuterWeights, reference.InnerWeights, sigma, DenseKernels.Default);
        Assert.True(trace.EmpiricalLoss < 1e-24 * scale * scale);
    }

    [Fact]
    public void GivenSumSingleIndex_WhenReferenceBuilt_ThenEachDirectionIsCopiedWithItsShareOfTheCoefficient()
    {
        var relu = ActivationParser.Parse("relu");
        var model = DataModelFactory.Create(new DataModelSpec(6, 2, LinkKind.SumSingleIndex, relu, [0.8, -0.3]), new RandomSource(2));
        var reference = ReferenceInterpolator.Create(model, 6, relu);
        Assert.Equal(new[] { 0.8 / 3, 0.8 / 3, 0.8 / 3, -0.3 / 3, -0.3 / 3, -0.3 / 3 }, reference.OuterWeights);
        Assert.Equal(model.Directions.Row(0), reference.InnerWeights.Row(2));
        Assert.Equal(model.Directions.Row(1), reference.InnerWeights.Row(3));
    }

    [Theory]
    [InlineData("quadratic-feature", 1, "relu", "relu", 4, "not a multi-index")]
    [InlineData("single-index", 1, "quadratic", "relu", 4, "not a multiple")]
    [InlineData("single-index", 1, "relu", "leaky-relu:0.1", 4, "not a multiple")]
    [InlineData("linear", 1, "relu", "relu", 4, "not a multiple")]
    [InlineData("sum-single-index", 3, "relu", "relu", 7, "not a multiple of the 3 directions")]
    [InlineData("single-index", 1, "relu", "relu", 0, "m must be")]
    public void GivenModelWithoutReference_WhenReferenceBuilt_ThenThrowsWithTheReason(
        string link, int r, string linkActivation, string networkActivation, int m, string reason)
    {
        var model = DataModelFactory.Create(
            new DataModelSpec(5, r, LinkKindNames.Parse(link), ActivationParser.Parse(linkActivation)), new RandomSource(1));
        var sigma = ActivationParser.Parse(networkActivation);
        Assert.Contains(reason, ReferenceInterpolator.Unsupported(model, m, sigma));
        var ex = Assert.Throws<ArgumentException>(() => ReferenceInterpolator.Create(model, m, sigma));
        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public void GivenALinkWithAnOffset_WhenReferenceBuilt_ThenThrowsBecauseNoBiasFreeNetworkEqualsIt()
    {
        var relu = ActivationParser.Parse("relu");
        var model = DataModelFactory.Create(new DataModelSpec(5, 1, LinkKind.SingleIndex, relu, Offset: new LinkOffsetSpec(0.5)), new RandomSource(1));

        Assert.Contains("offset", ReferenceInterpolator.Unsupported(model, 4, relu));
        Assert.Null(ReferenceInterpolator.Unsupported(model with { Offset = 0 }, 4, relu));
    }
}
