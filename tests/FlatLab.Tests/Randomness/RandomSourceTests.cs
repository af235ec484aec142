using FlatLab.Randomness;

namespace FlatLab.Tests.Randomness;

public sealed class RandomSourceTests
{
    [Fact]
    public void GivenSameSeed_WhenDrawn_ThenSameSequenceAndOtherSeedsDiffer()
    {
        var a = new RandomSource(2025);
        var b = new RandomSource(2025);
        var c = new RandomSource(2026);
        var sa = Enumerable.Range(0, 100).Select(_ => a.NextUInt64()).ToArray();
        Assert.Equal(sa, Enumerable.Range(0, 100).Select(_ => b.NextUInt64()));
        Assert.NotEqual(sa, Enumerable.Range(0, 100).Select(_ => c.NextUInt64()));
        Assert.Equal(100, sa.Distinct().Count());
    }

    [Fact]
    public void GivenForks_WhenTakenInAnyOrderOrAfterDrawing_ThenEachStreamDependsOnlyOnSeedAndKey()
    {
        var first = new RandomSource(7);
        var x1 = first.Fork("x").NextUInt64();
        var y1 = first.Fork("y").NextUInt64();

        var second = new RandomSource(7);
        for (var i = 0; i < 10; i++) second.NextGaussian(); // drawing from the parent must not move its forks
        var y2 = second.Fork("y").NextUInt64();
        var x2 = second.Fork("x").NextUInt64();

        Assert.Equal(x1, x2);
        Assert.Equal(y1, y2);
        Assert.NotEqual(x1, y1);
        Assert.NotEqual(RandomSource.DeriveSeed(7, "x"), RandomSource.DeriveSeed(8, "x"));
        Assert.Equal(RandomSource.DeriveSeed(7, "x"), new RandomSource(7).Fork("x").Seed);
    }

    [Fact]
    public void GivenManyDraws_WhenGaussian_ThenMeanAndVarianceWithinFourStandardErrors()
    {
        var random = new RandomSource(99);
        const int n = 200_000;
        var z = new double[n];
        random.FillGaussian(z);
        var mean = z.Average();
        var variance = z.Select(v => (v - mean) * (v - mean)).Sum() / (n - 1);
        var fourth = z.Select(v => v * v * v * v).Average();
        // SE of the mean is 1/√n; of the sample variance √(2/n) for a Gaussian; of E z⁴ (= 3) √(96/n).
        Assert.True(Math.Abs(mean) < 4 / Math.Sqrt(n), $"mean {mean}");
        Assert.True(Math.Abs(variance - 1) < 4 * Math.Sqrt(2.0 / n), $"variance {variance}");
        Assert.True(Math.Abs(fourth - 3) < 4 * Math.Sqrt(96.0 / n), $"fourth moment {fourth}");
    }

    [Fact]
    public void GivenManyDraws_WhenUniform_ThenInUnitIntervalWithMeanAndVarianceWithinFourStandardErrors()
    {
        var random = new RandomSource(5);
        const int n = 200_000;
        var u = Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        Assert.All(u, v => Assert.True(v >= 0 && v < 1));
        // Var U = 1/12; Var of (U − 1/2)² is 1/80 − 1/144.
        Assert.True(Math.Abs(u.Average() - 0.5) < 4 * Math.Sqrt(1.0 / 12 / n));
        var sq = u.Select(v => (v - 0.5) * (v - 0.5)).Average();
        Assert.True(Math.Abs(sq - 1.0 / 12) < 4 * Math.Sqrt((1.0 / 80 - 1.0 / 144) / n));
    }

    [Fact]
    public void GivenDimension_WhenUnitVectorDrawn_ThenUnitNormAndCoordinatesHaveVarianceOneOverD()
    {
        var random = new RandomSource(3);
        const int d = 4, n = 50_000;
        var first = new double[n];
        for (var i = 0; i < n; i++)
        {
            var v = random.UnitVector(d);
            Assert.Equal(1.0, Math.Sqrt(v.Sum(x => x * x)), 1e-14);
            first[i] = v[0] * v[0];
        }
        // For v uniform on S^{d−1}, v₀² ~ Beta(1/2, (d−1)/2): mean 1/d, variance 2(d−1)/(d²(d+2)).
        var se = Math.Sqrt(2.0 * (d - 1) / (d * d * (d + 2)) / n);
        Assert.True(Math.Abs(first.Average() - 1.0 / d) < 4 * se);
        Assert.Throws<ArgumentOutOfRangeException>(() => random.UnitVector(0));
    }
}
