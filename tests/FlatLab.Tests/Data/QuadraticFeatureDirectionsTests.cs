using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.InnerWeights;
using FlatLab.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.Data;

/// <summary>
/// For the quadratic-feature link U holds the r eigenvectors of A with the largest |eigenvalue|
/// (docs/model.md §1.4, §6.1), so the ρ of the inner weights is their alignment with A's leading
/// eigenspace. Checked against an independent subspace iteration on A².
/// </summary>
public sealed class QuadraticFeatureDirectionsTests
{
    [Theory]
    [InlineData(8, 1, 3UL)]
    [InlineData(8, 3, 4UL)]
    [InlineData(12, 2, 5UL)]
    public void GivenAQuadraticFeatureModel_WhenCreated_ThenUIsTheLeadingEigenspaceOfA(int d, int r, ulong seed)
    {
        var model = DataModelFactory.Create(new DataModelSpec(d, r, LinkKind.QuadraticFeature, ActivationParser.Parse("relu")), new RandomSource(seed));
        var a = model.QuadraticForm!;
        var u = model.Directions;

        Assert.Equal(r, model.Rank);
        // Each row is an eigenvector, in order of decreasing |eigenvalue|.
        var lambdas = new double[r];
        for (var i = 0; i < r; i++)
        {
            var v = u.Row(i);
            lambdas[i] = v * a * v;
            Assert.True((a * v - lambdas[i] * v).L2Norm() < 1e-12, $"row {i} is not an eigenvector");
            if (i > 0) Assert.True(Math.Abs(lambdas[i]) <= Math.Abs(lambdas[i - 1]));
        }
        // The span equals the dominant invariant subspace of A² found by subspace iteration.
        var projector = u.Transpose() * u;
        var reference = DominantSubspace(a * a, r, 20_000, new RandomSource(seed + 100));
        Assert.True((projector - reference.Transpose() * reference).FrobeniusNorm() < 1e-8, "span(U) is not A's leading eigenspace");
        // And the |eigenvalues| of U dominate those of its complement: the squares sum to ‖A‖_F² = 1.
        var complement = (Matrix<double>.Build.DenseIdentity(d) - projector) * a * (Matrix<double>.Build.DenseIdentity(d) - projector);
        Assert.True(complement.L2Norm() <= Math.Abs(lambdas[^1]) + 1e-12);
        Assert.Equal(1.0, lambdas.Sum(l => l * l) + complement.FrobeniusNorm() * complement.FrobeniusNorm(), 1e-12);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.4)]
    [InlineData(0.9)]
    public void GivenInnerWeightsAtCorrelationRho_WhenMeasuredAgainstTheLeadingEigenvectors_ThenTheCorrelationIsRho(double rho)
    {
        const int d = 10, r = 2, m = 40;
        var model = DataModelFactory.Create(new DataModelSpec(d, r, LinkKind.QuadraticFeature, ActivationParser.Parse("relu")), new RandomSource(6));
        var reference = DominantSubspace(model.QuadraticForm! * model.QuadraticForm!, r, 20_000, new RandomSource(7));

        var w = CorrelatedWeights.Sample(model.Directions, m, rho, new RandomSource(8));

        for (var j = 0; j < m; j++)
        {
            var row = w.Row(j);
            Assert.Equal(1.0, row.L2Norm(), 1e-12);
            Assert.Equal(rho, (reference * row).L2Norm(), 1e-8);
        }
    }

    [Fact]
    public void GivenTheSameSeed_WhenCreated_ThenTheSameEigenvectorsWithTheSameSigns()
    {
        var spec = new DataModelSpec(9, 2, LinkKind.QuadraticFeature, ActivationParser.Parse("relu"));

        var first = DataModelFactory.Create(spec, new RandomSource(2));
        var second = DataModelFactory.Create(spec, new RandomSource(2));

        Assert.Equal(first.Directions, second.Directions);
        for (var i = 0; i < 2; i++)
        {
            var row = first.Directions.Row(i);
            Assert.True(row[row.AbsoluteMaximumIndex()] > 0);
        }
    }

    /// <summary>r orthonormal rows spanning the dominant invariant subspace of the symmetric positive
    /// semi-definite <paramref name="b"/>: repeated multiplication and Gram–Schmidt.</summary>
    private static Matrix<double> DominantSubspace(Matrix<double> b, int r, int iterations, RandomSource random)
    {
        var d = b.RowCount;
        var q = Matrix<double>.Build.Dense(d, r, (_, _) => random.NextGaussian());
        for (var it = 0; it < iterations; it++)
        {
            q = b * q;
            for (var c = 0; c < r; c++)
            {
                var v = q.Column(c);
                for (var p = 0; p < c; p++) v -= (q.Column(p) * v) * q.Column(p);
                q.SetColumn(c, v / v.L2Norm());
            }
        }
        return q.Transpose();
    }
}
