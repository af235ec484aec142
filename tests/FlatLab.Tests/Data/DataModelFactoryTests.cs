using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.Data;

public sealed class DataModelFactoryTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(3, 10)]
    [InlineData(6, 6)]
    public void GivenShape_WhenOrthonormalRowsDrawn_ThenUUTransposeIsIdentity(int r, int d)
    {
        var u = DataModelFactory.OrthonormalRows(r, d, new RandomSource(4));
        Assert.Equal(r, u.RowCount);
        Assert.Equal(d, u.ColumnCount);
        var gap = (u * u.Transpose() - Matrix<double>.Build.DenseIdentity(r)).Enumerate().Max(Math.Abs);
        Assert.True(gap < 1e-13, $"max |UUᵀ − I| = {gap}");
    }

    [Theory]
    [InlineData("single-index", 3, 1)]
    [InlineData("linear", 3, 1)]
    [InlineData("quadratic-feature", 3, 3)]
    [InlineData("sum-single-index", 3, 3)]
    [InlineData("teacher", 2, 2)]
    public void GivenSpec_WhenCreated_ThenValidWithTheRankTheLinkUses(string link, int requested, int expectedRank)
    {
        var model = DataModelFactory.Create(
            new DataModelSpec(8, requested, LinkKindNames.Parse(link), ActivationParser.Parse("relu")), new RandomSource(1));
        Assert.Equal(expectedRank, model.Rank);
        Assert.Equal(8, model.Dimension);
        Assert.Same(model, model.Validate());
    }

    [Fact]
    public void GivenSameSeed_WhenCreated_ThenSameDirections()
    {
        var spec = new DataModelSpec(7, 2, LinkKind.Teacher, ActivationParser.Parse("quadratic"));
        var a = DataModelFactory.Create(spec, new RandomSource(10));
        var b = DataModelFactory.Create(spec, new RandomSource(10));
        Assert.Equal(a.Directions, b.Directions);
        Assert.Equal(a.TeacherWeights, b.TeacherWeights);
    }

    [Theory]
    [InlineData("relu", 3)]
    [InlineData("quadratic", 4)]
    [InlineData("abs", 2)]
    [InlineData("linear", 3)]
    public void GivenLinkActivation_WhenEqualPowerCoefficientsUsed_ThenSignalPowerMatchesSingleIndexByMonteCarlo(string name, int r)
    {
        var sigma = ActivationParser.Parse(name);
        var c = DataModelFactory.EqualPowerCoefficients(sigma, r);
        Assert.Equal(r, c.Length);
        Assert.All(c, v => Assert.Equal(c[0], v));

        // g = Σ_r c_r σ*(z_r) with independent z_r ~ N(0, 1) (the u_r · x for orthonormal u_r).
        var random = new RandomSource(55).Fork(name);
        const int n = 200_000;
        var g2 = new double[n];
        for (var i = 0; i < n; i++)
        {
            var g = 0.0;
            for (var l = 0; l < r; l++) g += c[l] * sigma.Value(random.NextGaussian());
            g2[i] = g * g;
        }
        var mean = g2.Average();
        var se = Math.Sqrt(g2.Select(v => (v - mean) * (v - mean)).Sum() / (n - 1) / n);
        var target = GaussianMoments.SecondMoment(sigma);
        Assert.True(Math.Abs(mean - target) < 4 * se, $"E[g²] = {mean} ± {se} vs E[σ*(z)²] = {target}");
    }

    [Fact]
    public void GivenBadShape_WhenCreated_ThenThrows()
    {
        var relu = ActivationParser.Parse("relu");
        Assert.Throws<ArgumentException>(() => DataModelFactory.Create(new DataModelSpec(0, 1, LinkKind.SingleIndex, relu), new RandomSource(1)));
        Assert.Throws<ArgumentException>(() => DataModelFactory.Create(new DataModelSpec(3, 4, LinkKind.SumSingleIndex, relu), new RandomSource(1)));
        Assert.Throws<ArgumentException>(() => DataModelFactory.Create(new DataModelSpec(3, 2, LinkKind.SumSingleIndex, relu, [1.0]), new RandomSource(1)));
        Assert.Throws<ArgumentException>(() => DataModelFactory.Create(new DataModelSpec(3, 1, LinkKind.SingleIndex, relu, NoiseStd: -1), new RandomSource(1)));
    }
}
