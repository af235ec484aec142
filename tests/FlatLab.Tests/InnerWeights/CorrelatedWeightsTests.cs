using FlatLab.Data;
using FlatLab.InnerWeights;
using FlatLab.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.InnerWeights;

public sealed class CorrelatedWeightsTests
{
    private static Matrix<double> Directions(int r, int d, ulong seed = 1) =>
        DataModelFactory.OrthonormalRows(r, d, new RandomSource(seed));

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.01)]
    [InlineData(0.3)]
    [InlineData(0.9)]
    [InlineData(1.0)]
    public void GivenRho_WhenSampled_ThenRowsAreUnitAndTheirProjectionOnSpanUHasNormRho(double rho)
    {
        var u = Directions(3, 20);
        var w = CorrelatedWeights.Sample(u, 50, rho, new RandomSource(42));

        Assert.Equal(50, w.RowCount);
        Assert.Equal(20, w.ColumnCount);
        var projections = w * u.Transpose(); // row j = U w_j, whose norm is ‖P_U w_j‖
        for (var j = 0; j < w.RowCount; j++)
        {
            Assert.Equal(1.0, w.Row(j).L2Norm(), 1e-12);
            Assert.Equal(rho, projections.Row(j).L2Norm(), 1e-12);
        }
    }

    [Fact]
    public void GivenRhoOne_WhenSampled_ThenRowsLieInSpanU()
    {
        var u = Directions(2, 8);
        var w = CorrelatedWeights.Sample(u, 10, 1.0, new RandomSource(3));
        var residual = w - w * u.Transpose() * u; // w − P_U w
        Assert.True(residual.Enumerate().Max(Math.Abs) < 1e-12);
    }

    [Fact]
    public void GivenRhoZero_WhenSampled_ThenRowsAreOrthogonalToSpanU()
    {
        var u = Directions(2, 8);
        var w = CorrelatedWeights.Sample(u, 10, 0.0, new RandomSource(3));
        Assert.True((w * u.Transpose()).Enumerate().Max(Math.Abs) < 1e-12);
    }

    [Fact]
    public void GivenFullRankU_WhenRhoIsOne_ThenSamplesAndWhenRhoBelowOne_ThenThrows()
    {
        var u = Directions(4, 4);
        var w = CorrelatedWeights.Sample(u, 3, 1.0, new RandomSource(1));
        Assert.Equal(1.0, w.Row(0).L2Norm(), 1e-12);
        var ex = Assert.Throws<ArgumentException>(() => CorrelatedWeights.Sample(u, 3, 0.5, new RandomSource(1)));
        Assert.Contains("orthogonal to span(U)", ex.Message);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0000001)]
    [InlineData(double.NaN)]
    public void GivenRhoOutsideUnitInterval_WhenSampled_ThenThrows(double rho)
    {
        var ex = Assert.Throws<ArgumentException>(() => CorrelatedWeights.Sample(Directions(1, 5), 3, rho, new RandomSource(1)));
        Assert.Contains("rho", ex.Message);
    }

    [Fact]
    public void GivenNonOrthonormalU_WhenSampled_ThenThrows()
    {
        var u = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0, 0 }, { 1, 1, 0 } });
        var ex = Assert.Throws<ArgumentException>(() => CorrelatedWeights.Sample(u, 3, 0.5, new RandomSource(1)));
        Assert.Contains("orthonormal", ex.Message);
        Assert.Throws<ArgumentException>(() => CorrelatedWeights.Sample(Directions(1, 5), 0, 0.5, new RandomSource(1)));
    }

    [Fact]
    public void GivenSameSeed_WhenSampledTwice_ThenIdenticalAndAWiderNetworkExtendsANarrowerOne()
    {
        var u = Directions(2, 10);
        var first = CorrelatedWeights.Sample(u, 6, 0.4, new RandomSource(77));
        var again = CorrelatedWeights.Sample(u, 6, 0.4, new RandomSource(77));
        var wider = CorrelatedWeights.Sample(u, 9, 0.4, new RandomSource(77));
        var other = CorrelatedWeights.Sample(u, 6, 0.4, new RandomSource(78));

        Assert.Equal(first, again);
        Assert.Equal(first, wider.SubMatrix(0, 6, 0, 10));
        Assert.True((first - other).Enumerate().Max(Math.Abs) > 0.1);
    }

    [Fact]
    public void GivenManyNeurons_WhenSampled_ThenSecondMomentMatchesTheModelWithinFourStandardErrors()
    {
        // E[w wᵀ] = ρ² UᵀU / r + (1 − ρ²)(I − UᵀU)/(d − r) for v_j and z_j uniform on their spheres.
        const int r = 2, d = 5, m = 20000;
        const double rho = 0.6;
        var u = Directions(r, d, 9);
        var w = CorrelatedWeights.Sample(u, m, rho, new RandomSource(2024));
        var pu = u.Transpose() * u;
        var expected = rho * rho / r * pu + (1 - rho * rho) / (d - r) * (Matrix<double>.Build.DenseIdentity(d) - pu);
        for (var c1 = 0; c1 < d; c1++)
            for (var c2 = 0; c2 <= c1; c2++)
            {
                var products = Enumerable.Range(0, m).Select(j => w[j, c1] * w[j, c2]).ToArray();
                var mean = products.Average();
                var se = Math.Sqrt(products.Select(p => (p - mean) * (p - mean)).Sum() / (m - 1) / m);
                Assert.True(Math.Abs(mean - expected[c1, c2]) < 4 * se,
                    $"E[w_{c1} w_{c2}] = {mean} vs {expected[c1, c2]} (SE {se})");
            }
    }
}
