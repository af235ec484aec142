using System.Globalization;
using FlatLab.Randomness;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.InnerWeights;

/// <summary>
/// Inner weights with a chosen correlation to the true subspace (docs/model.md §6, the paper's Def. 2):
/// w_j = ρ Uᵀv_j + √(1−ρ²) z_j, with v_j uniform on the unit sphere of R^r and z_j a uniform unit
/// vector orthogonal to span(U). Then ‖w_j‖ = 1 and ‖P_U w_j‖ = ρ exactly.
/// </summary>
public static class CorrelatedWeights
{
    /// <summary>Tolerance on max |UUᵀ − I| for U to count as having orthonormal rows.</summary>
    public const double OrthonormalityTolerance = 1e-8;

    /// <summary>
    /// W (m × d). Row j is drawn from the stream <c>random.Fork("neuron-j")</c>, so it depends only on the
    /// seed and j: a wider network extends a narrower one drawn with the same seed.
    /// </summary>
    /// <param name="u">U (r × d) with orthonormal rows.</param>
    /// <param name="m">The number of neurons, m ≥ 1.</param>
    /// <param name="rho">ρ ∈ [0, 1]; ρ &lt; 1 needs r &lt; d (room for z_j).</param>
    /// <param name="random">The seeded source; it is forked, never advanced.</param>
    public static DenseMatrix Sample(Matrix<double> u, int m, double rho, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(u);
        ArgumentNullException.ThrowIfNull(random);
        var r = u.RowCount;
        var d = u.ColumnCount;
        if (r < 1) throw new ArgumentException("U has no rows: the true subspace needs r >= 1.", nameof(u));
        if (m < 1) throw new ArgumentException($"The number of neurons m must be >= 1, got {m}.", nameof(m));
        if (!(rho >= 0 && rho <= 1))
            throw new ArgumentException($"The correlation rho must lie in [0, 1], got {rho.ToString(CultureInfo.InvariantCulture)}.", nameof(rho));
        if (rho < 1 && r >= d)
            throw new ArgumentException(
                $"rho = {rho.ToString(CultureInfo.InvariantCulture)} < 1 needs a direction orthogonal to span(U), but U spans all of R^{d} (r = {r}).",
                nameof(rho));
        var dense = u as DenseMatrix ?? DenseMatrix.OfMatrix(u);
        var offOrtho = (dense * dense.Transpose() - Matrix<double>.Build.DenseIdentity(r)).Enumerate().Max(Math.Abs);
        if (!(offOrtho < OrthonormalityTolerance))
            throw new ArgumentException($"U must have orthonormal rows (max |UUᵀ − I| = {offOrtho:G3}).", nameof(u));

        var inside = rho;
        var outside = Math.Sqrt(1 - rho * rho);
        var w = new DenseMatrix(m, d);
        var row = new double[d];
        var coords = new double[r];
        for (var j = 0; j < m; j++)
        {
            var stream = random.Fork(string.Create(CultureInfo.InvariantCulture, $"neuron-{j}"));
            var v = stream.UnitVector(r);
            Array.Clear(row);
            if (outside > 0) OrthogonalUnitVector(dense, stream, row, coords);
            for (var c = 0; c < d; c++)
            {
                var parallel = 0.0;
                for (var l = 0; l < r; l++) parallel += v[l] * dense[l, c];
                row[c] = inside * parallel + outside * row[c];
            }
            for (var c = 0; c < d; c++) w[j, c] = row[c];
        }
        return w;
    }

    /// <summary>A Gaussian vector with its span(U) part removed, then normalised: uniform on the unit
    /// sphere of span(U)^⊥ by rotational invariance. Projecting twice removes what rounding left of
    /// the span(U) part after the first pass.</summary>
    private static void OrthogonalUnitVector(DenseMatrix u, RandomSource random, double[] g, double[] coords)
    {
        double norm;
        do
        {
            random.FillGaussian(g);
            for (var pass = 0; pass < 2; pass++)
            {
                for (var l = 0; l < u.RowCount; l++)
                {
                    var s = 0.0;
                    for (var c = 0; c < g.Length; c++) s += u[l, c] * g[c];
                    coords[l] = s;
                }
                for (var l = 0; l < u.RowCount; l++)
                    for (var c = 0; c < g.Length; c++) g[c] -= coords[l] * u[l, c];
            }
            norm = Math.Sqrt(g.Sum(v => v * v));
        } while (!(norm > 1e-8));
        for (var c = 0; c < g.Length; c++) g[c] /= norm;
    }
}
