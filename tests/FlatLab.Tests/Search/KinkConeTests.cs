using FlatLab.Activations;
using FlatLab.Randomness;
using FlatLab.Search;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Tests.Search;

public sealed class KinkConeTests
{
    [Fact]
    public void GivenRandomCones_ThenTheProjectionSatisfiesItsOptimalityConditions()
    {
        var random = new RandomSource(11);
        for (var trial = 0; trial < 30; trial++)
        {
            var g = Enumerable.Range(0, 6).Select(_ => random.NextGaussian()).ToArray();
            var rows = Enumerable.Range(0, 1 + trial % 5).Select(_ => Enumerable.Range(0, 6).Select(_ => random.NextGaussian()).ToArray()).ToList();

            var v = KinkCone.ConeProjection(g, rows);

            // v is in the cone, v − g is a non-negative combination of the rows (checked by least squares on the active
            // rows), and (v − g) ⟂ v: the conditions of the Euclidean projection on a closed convex cone.
            var diff = v.Zip(g, (a, b) => a - b).ToArray();
            foreach (var r in rows) Assert.True(r.Zip(v, (a, b) => a * b).Sum() >= -1e-9);
            Assert.True(Math.Abs(diff.Zip(v, (a, b) => a * b).Sum()) <= 1e-9 * (1 + g.Sum(e => e * e)));
            // Any other point of the cone is at least as far from g: check against random cone points.
            var distance = Math.Sqrt(diff.Sum(e => e * e));
            for (var s = 0; s < 200; s++)
            {
                var u = Enumerable.Range(0, 6).Select(_ => random.NextGaussian() * 2).ToArray();
                if (rows.Any(r => r.Zip(u, (a, b) => a * b).Sum() < 0)) continue;
                Assert.True(Math.Sqrt(u.Zip(g, (a, b) => (a - b) * (a - b)).Sum()) >= distance - 1e-9);
            }
        }
    }

    [Fact]
    public void GivenASampleJustBelowAReLUHyperplane_ThenTheDirectionDoesNotPushItAcross_AndOtherRowsAreUnchanged()
    {
        var relu = ActivationParser.Parse("relu");
        // Neuron 0 has sample 0 just below its hyperplane (z = −1e-4), the gradient would rotate it across; neuron 1 has none near.
        var w = DenseMatrix.OfArray(new[,] { { 1.0, 0, 0 }, { 0, 0, 1.0 } });
        var x = DenseMatrix.OfArray(new[,] { { -1e-4, 1.0, 0 }, { 0.5, 0.3, 2.0 } });
        // −η G changes z₀₀ by −η G₀·x₀ = +η: upward across the kink.
        var g = DenseMatrix.OfArray(new[,] { { 0, -1.0, 0.5 }, { 0.2, 0.1, 0 } });

        var (d, blocked) = KinkCone.Project(x, w, [1.0, -2.0], g, relu, 1e-3);

        Assert.Equal(1, blocked);
        // The tangent part of x₀ at w₀ is (0, 1, 0): D₀ loses its component against it, the rest stays.
        Assert.Equal(0.0, d[0, 1], 1e-12);
        Assert.Equal(0.5, d[0, 2], 1e-12);
        Assert.Equal(0.2, d[1, 0]);
        Assert.Equal(0.1, d[1, 1]);
        // Far from the hyperplane, with a = 0, or for a smooth activation nothing is blocked.
        Assert.Equal(0, KinkCone.Project(x, w, [1.0, -2.0], g, relu, 1e-5).Blocked);
        Assert.Equal(0, KinkCone.Project(x, w, [0.0, -2.0], g, relu, 1e-3).Blocked);
        Assert.Equal(0, KinkCone.Project(x, w, [1.0, -2.0], g, ActivationParser.Parse("quadratic"), 1e-3).Blocked);
        Assert.False(KinkCone.Applies(ActivationParser.Parse("linear")));
        Assert.True(KinkCone.Applies(ActivationParser.Parse("leaky-relu:0.1")));
    }
}
