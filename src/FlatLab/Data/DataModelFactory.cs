using FlatLab.Activations;
using FlatLab.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Data;

/// <summary>Draws the random parts of a data model: U, the teacher's v_l, the quadratic form A, the offset b.</summary>
public static class DataModelFactory
{
    public static DataModel Create(DataModelSpec spec, RandomSource random)
    {
        if (spec.Dimension < 1) throw new ArgumentException($"Dimension d must be >= 1, got {spec.Dimension}.");
        if (spec.Rank < 1 || spec.Rank > spec.Dimension)
            throw new ArgumentException($"r must lie in [1, d = {spec.Dimension}], got {spec.Rank}.");
        if (spec.Link == LinkKind.QuadraticFeature) return QuadraticFeature(spec, random);
        var rank = spec.Link is LinkKind.SingleIndex or LinkKind.Linear ? 1 : spec.Rank;
        var u = OrthonormalRows(rank, spec.Dimension, random.Fork("directions"));
        var model = spec.Link switch
        {
            LinkKind.SumSingleIndex => new DataModel(u, spec.Link, spec.LinkActivation,
                spec.Coefficients ?? EqualPowerCoefficients(spec.LinkActivation, rank), null, null, spec.NoiseStd),
            LinkKind.Teacher => Teacher(spec, u, rank, random.Fork("teacher")),
            _ => new DataModel(u, spec.Link, spec.LinkActivation, [], null, null, spec.NoiseStd),
        };
        // Its own stream: adding an offset leaves U, the v_l and the sample unchanged.
        if (spec.Offset is { IsZero: false } offset) model = model with { Offset = offset.Draw(random.Fork("offset")) };
        return model.Validate();
    }

    /// <summary>
    /// g = σ*(xᵀAx − tr A) with U the r leading eigenvectors of A, those of the largest |eigenvalue|
    /// (docs/model.md §1.4): the directions along which g varies most, so that ρ measures alignment
    /// with the quadratic form.
    /// </summary>
    private static DataModel QuadraticFeature(DataModelSpec spec, RandomSource random)
    {
        if (spec.Offset is { IsZero: false })
            throw new ArgumentException("The quadratic-feature link takes no offset: only the multi-index links are b + a sum of activations.");
        var a = QuadraticForm(spec.Dimension, random.Fork("quadratic-form"));
        var u = LeadingEigenvectors(a, spec.Rank);
        return new DataModel(u, LinkKind.QuadraticFeature, spec.LinkActivation, [], null, a, spec.NoiseStd).Validate();
    }

    /// <summary>
    /// The r eigenvectors of the symmetric <paramref name="a"/> with the largest |eigenvalue|, as rows in
    /// that order (ties, of probability zero for a Gaussian A, to the lower index of the ascending
    /// spectrum). Each is signed so that its entry of largest magnitude is positive, so U does not depend
    /// on the sign the eigensolver happens to return.
    /// </summary>
    public static Matrix<double> LeadingEigenvectors(Matrix<double> a, int r)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.RowCount != a.ColumnCount) throw new ArgumentException($"A must be square, got {a.RowCount} × {a.ColumnCount}.", nameof(a));
        if (r < 1 || r > a.RowCount) throw new ArgumentException($"r must lie in [1, d = {a.RowCount}], got {r}.", nameof(r));
        var evd = a.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(v => v.Real).ToArray();
        var order = Enumerable.Range(0, values.Length).OrderByDescending(i => Math.Abs(values[i])).ThenBy(i => i).Take(r).ToArray();
        var u = Matrix<double>.Build.Dense(r, a.RowCount);
        for (var row = 0; row < r; row++)
        {
            var v = evd.EigenVectors.Column(order[row]);
            var largest = v.AbsoluteMaximumIndex();
            u.SetRow(row, v[largest] < 0 ? -v : v);
        }
        return u;
    }

    /// <summary>r × d with orthonormal rows: a Gaussian matrix orthonormalised by QR.</summary>
    public static Matrix<double> OrthonormalRows(int r, int d, RandomSource random)
    {
        var g = Matrix<double>.Build.Dense(d, r, (_, _) => 0);
        for (var j = 0; j < r; j++)
            for (var i = 0; i < d; i++) g[i, j] = random.NextGaussian();
        var q = g.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).Q;
        return q.Transpose();
    }

    /// <summary>
    /// Equal coefficients c_r = c scaled so that E[g²] equals E[σ*(z)²], the single-index signal
    /// power: for orthonormal u_r the σ*(u_r·x) are independent, so
    /// E[g²] = c² (r E σ*² + r(r−1) (E σ*)²).
    /// </summary>
    public static double[] EqualPowerCoefficients(Activation linkActivation, int r)
    {
        var m2 = GaussianMoments.SecondMoment(linkActivation);
        var m1 = GaussianMoments.Mean(linkActivation);
        var c = Math.Sqrt(m2 / (r * m2 + r * (r - 1.0) * m1 * m1));
        return Enumerable.Repeat(c, r).ToArray();
    }

    private static DataModel Teacher(DataModelSpec spec, Matrix<double> u, int r, RandomSource random)
    {
        var coefficients = spec.Coefficients ?? Enumerable.Repeat(1.0 / Math.Sqrt(r), r).ToArray();
        var v = Matrix<double>.Build.Dense(coefficients.Length, r);
        for (var l = 0; l < coefficients.Length; l++) v.SetRow(l, random.UnitVector(r));
        return new DataModel(u, LinkKind.Teacher, spec.LinkActivation, coefficients, v, null, spec.NoiseStd);
    }

    /// <summary>A symmetric Gaussian matrix scaled to ‖A‖_F = 1 (full rank with probability one).</summary>
    private static Matrix<double> QuadraticForm(int d, RandomSource random)
    {
        var a = Matrix<double>.Build.Dense(d, d);
        for (var i = 0; i < d; i++)
            for (var j = 0; j <= i; j++) a[i, j] = a[j, i] = random.NextGaussian();
        return a / a.FrobeniusNorm();
    }
}
