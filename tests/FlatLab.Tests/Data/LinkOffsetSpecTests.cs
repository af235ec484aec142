using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.Randomness;

namespace FlatLab.Tests.Data;

public sealed class LinkOffsetSpecTests
{
    [Fact]
    public void GivenAFixedOffset_WhenDrawn_ThenItIsTheCentreAndUsesNoRandomness()
    {
        var random = new RandomSource(3);
        var twin = new RandomSource(3);

        var b = new LinkOffsetSpec(0.75).Draw(random);

        Assert.Equal(0.75, b);
        Assert.Equal(twin.NextUInt64(), random.NextUInt64());
    }

    [Theory]
    [InlineData(LinkOffsetDistribution.Normal, 0.5, 2.0)]
    [InlineData(LinkOffsetDistribution.Uniform, -1.0, 0.5)]
    public void GivenADistribution_WhenDrawnManyTimes_ThenMeanAndVarianceMatchIt(LinkOffsetDistribution distribution, double centre, double spread)
    {
        var spec = new LinkOffsetSpec(centre, distribution, spread);
        var random = new RandomSource(17);
        const int n = 100_000;
        var draws = Enumerable.Range(0, n).Select(_ => spec.Draw(random)).ToArray();

        var mean = draws.Average();
        var variance = draws.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        // Normal: variance spread²; uniform on [c − s, c + s]: s²/3.
        var expected = distribution == LinkOffsetDistribution.Normal ? spread * spread : spread * spread / 3;
        Assert.True(Math.Abs(mean - centre) < 4 * Math.Sqrt(expected / n), $"mean {mean} vs {centre}");
        Assert.Equal(expected, variance, 0.03 * expected);
        if (distribution == LinkOffsetDistribution.Uniform)
            Assert.All(draws, v => Assert.InRange(v, centre - spread, centre + spread));
    }

    [Theory]
    [InlineData(double.NaN, LinkOffsetDistribution.Fixed, 0.0, "Center")]
    [InlineData(1.0, LinkOffsetDistribution.Fixed, 0.5, "Spread")]
    [InlineData(1.0, LinkOffsetDistribution.Normal, 0.0, "Spread")]
    [InlineData(1.0, LinkOffsetDistribution.Uniform, -1.0, "Spread")]
    public void GivenABadOffset_WhenValidated_ThenTheErrorNamesTheParameter(double centre, LinkOffsetDistribution distribution, double spread, string parameter)
    {
        var e = Assert.Throws<ArgumentException>(() => new LinkOffsetSpec(centre, distribution, spread).Validate());
        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void GivenAnOffset_WhenTheModelIsCreated_ThenDirectionsAreUnchangedAndTheOffsetComesFromItsOwnStream()
    {
        var relu = ActivationParser.Parse("relu");
        var plain = new DataModelSpec(9, 3, LinkKind.SumSingleIndex, relu);
        var offset = new LinkOffsetSpec(0.2, LinkOffsetDistribution.Normal, 1.0);

        var without = DataModelFactory.Create(plain, new RandomSource(8));
        var with = DataModelFactory.Create(plain with { Offset = offset }, new RandomSource(8));

        Assert.Equal(0, without.Offset);
        Assert.Equal(without.Directions, with.Directions);
        Assert.Equal(without.Coefficients, with.Coefficients);
        Assert.Equal(offset.Draw(new RandomSource(8).Fork("offset")), with.Offset);
        // g = b + h on any input.
        var x = new double[9];
        new RandomSource(2).FillGaussian(x);
        Assert.Equal(without.Target(x) + with.Offset, with.Target(x), 1e-15);
    }

    [Fact]
    public void GivenTheQuadraticFeatureLink_WhenAnOffsetIsAsked_ThenItIsRefused()
    {
        var spec = new DataModelSpec(6, 1, LinkKind.QuadraticFeature, ActivationParser.Parse("relu"), Offset: new LinkOffsetSpec(1.0));

        var e = Assert.Throws<ArgumentException>(() => DataModelFactory.Create(spec, new RandomSource(1)));

        Assert.Contains("offset", e.Message);
    }
}
