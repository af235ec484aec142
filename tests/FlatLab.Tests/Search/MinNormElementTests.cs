using FlatLab.Randomness;
using FlatLab.Search;

namespace FlatLab.Tests.Search;

public sealed class MinNormElementTests
{
    private static double[] Combine(IReadOnlyList<double[]> vectors, double[] mu) =>
        Enumerable.Range(0, vectors[0].Length).Select(c => vectors.Select((v, i) => mu[i] * v[c]).Sum()).ToArray();

    private static double Norm(double[] v) => Math.Sqrt(v.Sum(x => x * x));

    [Fact]
    public void GivenTwoVectors_ThenTheWeightsMatchTheClosedFormOfTheSegment()
    {
        var random = new RandomSource(3);
        for (var trial = 0; trial < 50; trial++)
        {
            var g1 = Enumerable.Range(0, 4).Select(_ => random.NextGaussian()).ToArray();
            var g2 = Enumerable.Range(0, 4).Select(_ => random.NextGaussian()).ToArray();
            // min over t ∈ [0, 1] of ‖t g1 + (1 − t) g2‖²: t = clamp((g2 − g1)·g2 / ‖g1 − g2‖², 0, 1).
            var diff = g1.Zip(g2, (a, b) => a - b).ToArray();
            var t = Math.Clamp(-diff.Zip(g2, (a, b) => a * b).Sum() / diff.Sum(x => x * x), 0, 1);

            var mu = MinNormElement.Weights([g1, g2]);

            Assert.Equal(t, mu[0], 1e-9);
            Assert.Equal(1 - t, mu[1], 1e-9);
        }
    }

    [Fact]
    public void GivenThreeVectors_ThenTheElementIsNoLongerThanAnyPointOfAFineGridOnTheSimplex()
    {
        var random = new RandomSource(4);
        for (var trial = 0; trial < 20; trial++)
        {
            // Dimension 2 with three vectors: the hull often contains 0 or has its nearest point on an edge.
            var vectors = Enumerable.Range(0, 3).Select(_ => new[] { random.NextGaussian() + 0.5, random.NextGaussian() }).ToArray();
            var mu = MinNormElement.Weights(vectors);
            var found = Norm(Combine(vectors, mu));
            var grid = double.PositiveInfinity;
            const int steps = 400;
            for (var i = 0; i <= steps; i++)
                for (var j = 0; i + j <= steps; j++)
                    grid = Math.Min(grid, Norm(Combine(vectors, [i / (double)steps, j / (double)steps, (steps - i - j) / (double)steps])));

            Assert.True(mu.All(v => v >= 0));
            Assert.Equal(1.0, mu.Sum(), 1e-12);
            Assert.True(found <= grid + 1e-12, $"min-norm {found:R} > grid {grid:R}");
            Assert.True(found >= grid - 0.02, $"min-norm {found:R} far below the grid {grid:R}: not a point of the hull");
        }
    }

    [Fact]
    public void GivenManyVectorsInHighDimension_ThenTheOptimalityConditionsHold()
    {
        var random = new RandomSource(5);
        var vectors = Enumerable.Range(0, 12).Select(_ => Enumerable.Range(0, 30).Select(_ => random.NextGaussian() + 0.3).ToArray()).ToArray();

        var mu = MinNormElement.Weights(vectors);
        var element = Combine(vectors, mu);

        // u = Σ μ_i g_i is the nearest point of the hull to 0 iff g_i · u ≥ ‖u‖² for every i (equality on the support).
        var squared = element.Sum(x => x * x);
        Assert.True(squared > 0);
        for (var i = 0; i < vectors.Length; i++)
        {
            var dot = vectors[i].Zip(element, (a, b) => a * b).Sum();
            Assert.True(dot >= squared * (1 - 1e-9), $"g_{i}·u = {dot:R} < ‖u‖² = {squared:R}");
            if (mu[i] > 1e-9) Assert.Equal(squared, dot, 1e-8 * squared);
        }
    }

    [Fact]
    public void GivenOppositeVectors_ThenTheElementIsZero()
    {
        var mu = MinNormElement.Weights([[1.0, 2.0], [-2.0, -4.0]]);
        Assert.True(Norm(Combine([[1.0, 2.0], [-2.0, -4.0]], mu)) < 1e-12);
        Assert.Throws<ArgumentException>(() => MinNormElement.Weights([]));
    }
}
