using FlatLab.Activations;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Training;

/// <summary>
/// The alignment of learned directions with the true subspace span(U) (docs/optimizers.md):
/// ρ_j = ‖U ŵ_j‖ for unit ŵ_j, since the rows of U are orthonormal.
/// </summary>
public static class Alignment
{
    /// <param name="u">U (r × d) with orthonormal rows.</param>
    /// <param name="w">W (m × d), rows of any norm.</param>
    /// <param name="a">a (m), for the weighted mean.</param>
    /// <param name="sigma">The network's activation (its degree k sets the weights |a_j| ‖w_j‖^k).</param>
    public static AlignmentResult Compute(Matrix<double> u, Matrix<double> w, double[] a, Activation sigma)
    {
        ArgumentNullException.ThrowIfNull(u);
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(sigma);
        if (u.ColumnCount != w.ColumnCount)
            throw new ArgumentException($"U has d = {u.ColumnCount} columns but W has {w.ColumnCount}.", nameof(w));
        if (a.Length != w.RowCount)
            throw new ArgumentException($"W has {w.RowCount} rows (neurons) but a has {a.Length} entries.", nameof(a));
        var m = w.RowCount;
        var r = u.RowCount;
        var d = u.ColumnCount;
        var values = new double[m];
        double weighted = 0, totalWeight = 0;
        for (var j = 0; j < m; j++)
        {
            var norm = w.Row(j).L2Norm();
            if (!(norm > 0) || !double.IsFinite(norm))
            {
                values[j] = double.NaN;
                continue;
            }
            var sq = 0.0;
            for (var l = 0; l < r; l++)
            {
                var s = 0.0;
                for (var c = 0; c < d; c++) s += u[l, c] * w[j, c];
                sq += s * s;
            }
            // Rounding can push ‖Uŵ‖ a hair above 1 for a direction inside span(U).
            values[j] = Math.Min(Math.Sqrt(sq) / norm, 1.0);
            var omega = Math.Abs(a[j]) * Math.Pow(norm, sigma.K);
            if (!double.IsFinite(omega)) continue;
            weighted += omega * values[j];
            totalWeight += omega;
        }
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        return new AlignmentResult(
            values,
            sorted.Length > 0 ? sorted.Average() : double.NaN,
            Quantile(sorted, 0.1),
            Quantile(sorted, 0.5),
            Quantile(sorted, 0.9),
            totalWeight > 0 ? weighted / totalWeight : double.NaN,
            Math.Sqrt((double)r / d))
        {
            RandomMean = RandomMean(r, d),
        };
    }

    /// <summary>
    /// E‖U ŵ‖ for ŵ uniform on the unit sphere of R^d and U with r orthonormal rows: ‖U ŵ‖² ~ Beta(r/2, (d − r)/2), so
    /// E‖U ŵ‖ = Γ((r+1)/2) Γ(d/2) / (Γ(r/2) Γ((d+1)/2)) (≈ √(2/(πd)) for r = 1 and large d). The level the mean
    /// alignment of untrained (or lazily trained) Gaussian directions sits at.
    /// </summary>
    public static double RandomMean(int r, int d)
    {
        if (r < 1 || r > d) throw new ArgumentException($"The subspace dimension r = {r} must lie in [1, d = {d}].", nameof(r));
        if (r == d) return 1;
        return Math.Exp(SpecialFunctions.GammaLn((r + 1) / 2.0) + SpecialFunctions.GammaLn(d / 2.0)
            - SpecialFunctions.GammaLn(r / 2.0) - SpecialFunctions.GammaLn((d + 1) / 2.0));
    }

    /// <summary>The q-quantile of sorted values by linear interpolation at position (N − 1) q
    /// (Hyndman and Fan's definition 7, the default of R and NumPy); NaN for no values.</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double q)
    {
        if (!(q >= 0 && q <= 1)) throw new ArgumentException($"A quantile level must lie in [0, 1], got {q}.", nameof(q));
        if (sorted.Count == 0) return double.NaN;
        var h = (sorted.Count - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
