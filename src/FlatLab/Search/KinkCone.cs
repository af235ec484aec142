using FlatLab.Activations;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Search;

/// <summary>
/// The envelope gradient projected on the cone of moves that cross no kink upward (docs/optimizers.md §6). For
/// k = 1 the exact weight c_j = √(S_j T_j) jumps where a sample crosses neuron j's hyperplane, because
/// T_j = Σ_i σ'(w_j·x_i)² ‖x_i‖² does: V is monotone in c, so a sample that enters the side of the larger σ'²
/// makes V jump up, one that leaves it makes V jump down. At a sample within <c>radius</c> (as an angle) of the
/// hyperplane on the side of the smaller σ'², a step along −G that pushes it across jumps up and fails Armijo
/// whatever its length; the projection −D, with D_j = argmin ‖D − G_j‖ over D·x̃_i ≥ 0 for those samples (x̃_i
/// the part of x_i tangent to the sphere at w_j), keeps them on their side. ‖D‖ is the stationarity measure of
/// the piece: zero where V cannot fall without a jump up.
/// </summary>
public static class KinkCone
{
    /// <summary>Whether σ'² jumps at 0, i.e. k = 1 and c₊² ≠ c₋² (ReLU, LeakyReLU; not the linear activation).</summary>
    public static bool Applies(Activation sigma) => sigma.K == 1 && sigma.CPlus * sigma.CPlus != sigma.CMinus * sigma.CMinus;

    /// <summary>D row by row, and how many (neuron, sample) pairs were blocked. Rows of neurons with a_j = 0 stay
    /// as they are (their weight does not enter V).</summary>
    /// <param name="x">Samples (n × d).</param>
    /// <param name="w">Unit directions (m × d).</param>
    /// <param name="g">Tangent gradient rows (m × d).</param>
    public static (DenseMatrix D, int Blocked) Project(DenseMatrix x, DenseMatrix w, double[] a, DenseMatrix g, Activation sigma, double radius)
    {
        var d = DenseMatrix.OfMatrix(g);
        if (!Applies(sigma)) return (d, 0);
        // The side of the smaller σ'²: negative z for ReLU-like activations (c₊² > c₋²).
        var lowSide = sigma.CPlus * sigma.CPlus > sigma.CMinus * sigma.CMinus ? -1.0 : 1.0;
        var (n, dim, m) = (x.RowCount, x.ColumnCount, w.RowCount);
        var norms = new double[n];
        for (var i = 0; i < n; i++) norms[i] = Math.Sqrt(Enumerable.Range(0, dim).Sum(c => x[i, c] * x[i, c]));
        var blocked = 0;
        for (var j = 0; j < m; j++)
        {
            if (a[j] == 0) continue;
            var rows = new List<double[]>();
            for (var i = 0; i < n; i++)
            {
                var z = 0.0;
                for (var c = 0; c < dim; c++) z += x[i, c] * w[j, c];
                // On the low side strictly (z = 0 already counts on the c₊ side) and within the angle.
                var onLow = lowSide < 0 ? z < 0 : z >= 0;
                if (!onLow || norms[i] == 0 || Math.Abs(z) > radius * norms[i]) continue;
                // D·x̃ ≥ 0 keeps z on the low side to first order for a step −ηD when the low side is z < 0; flip otherwise.
                var row = new double[dim];
                for (var c = 0; c < dim; c++) row[c] = -lowSide * (x[i, c] - z * w[j, c]);
                rows.Add(row);
            }
            if (rows.Count == 0) continue;
            blocked += rows.Count;
            var gj = new double[dim];
            for (var c = 0; c < dim; c++) gj[c] = g[j, c];
            var dj = ConeProjection(gj, rows);
            for (var c = 0; c < dim; c++) d[j, c] = dj[c];
        }
        return (d, blocked);
    }

    /// <summary>The projection of g on {v : v·r_i ≥ 0 for every i}: v = g + Σ ν_i r_i with ν ≥ 0 minimising ‖g + Σ ν_i r_i‖²
    /// (a non-negative least-squares problem, by exact coordinate descent).</summary>
    public static double[] ConeProjection(double[] g, IReadOnlyList<double[]> rows)
    {
        var v = (double[])g.Clone();
        var nu = new double[rows.Count];
        var sq = rows.Select(r => r.Sum(e => e * e)).ToArray();
        var scale = Math.Max(g.Sum(e => e * e), 1e-300);
        for (var sweep = 0; sweep < 10_000; sweep++)
        {
            var change = 0.0;
            for (var i = 0; i < rows.Count; i++)
            {
                if (sq[i] == 0) continue;
                var dot = 0.0;
                for (var c = 0; c < v.Length; c++) dot += v[c] * rows[i][c];
                var next = Math.Max(0, nu[i] - dot / sq[i]);
                var delta = next - nu[i];
                if (delta == 0) continue;
                nu[i] = next;
                for (var c = 0; c < v.Length; c++) v[c] += delta * rows[i][c];
                change = Math.Max(change, delta * delta * sq[i]);
            }
            if (change <= 1e-30 * scale) break;
        }
        return v;
    }
}
