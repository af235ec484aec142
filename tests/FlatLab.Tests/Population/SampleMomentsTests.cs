using FlatLab.Population;
using FlatLab.Randomness;

namespace FlatLab.Tests.Population;

public sealed class SampleMomentsTests
{
    [Fact]
    public void GivenChunksMergedInOrder_WhenComparedWithOnePass_ThenMeansAndCovariancesAgree()
    {
        // Chunked Monte Carlo relies on the merge being the same statistic as one long pass.
        var random = new RandomSource(31);
        var rows = Enumerable.Range(0, 1000).Select(_ =>
        {
            var z = random.NextGaussian();
            return new[] { 3 + z, z * z, -2 * z + random.NextGaussian() };
        }).ToArray();
        var whole = new SampleMoments(3);
        foreach (var r in rows) whole.Add(r);
        var merged = new SampleMoments(3);
        foreach (var chunk in rows.Chunk(137))
        {
            var part = new SampleMoments(3);
            foreach (var r in chunk) part.Add(r);
            merged.Merge(part);
        }
        Assert.Equal(whole.Count, merged.Count);
        for (var a = 0; a < 3; a++)
        {
            var column = rows.Select(r => r[a]).ToArray();
            Assert.Equal(column.Average(), merged.Mean(a), 1e-12);
            for (var b = 0; b < 3; b++)
            {
                var other = rows.Select(r => r[b]).ToArray();
                var (ma, mb) = (column.Average(), other.Average());
                var cov = column.Zip(other, (x, y) => (x - ma) * (y - mb)).Sum() / (rows.Length - 1);
                Assert.Equal(cov, merged.Covariance(a, b), 1e-12);
                Assert.Equal(whole.Covariance(a, b), merged.Covariance(a, b), 1e-12);
            }
        }
    }
}
