using FlatLab.Activations;
using FlatLab.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Flatness;

/// <summary>
/// The flatness F(θ) = tr ∇²_θ L_S(θ) of a two-layer network at any parameters (docs/model.md §3,
/// derivation in docs/flatness.md). With z_ij = w_j · x_i (rows of W of any norm) and
/// r_i = f(x_i) − y_i:
/// F = (2/n) Σ_i Σ_j [σ(z_ij)² + a_j² σ'(z_ij)² ‖x_i‖²] + (2/n) Σ_i r_i Σ_j a_j σ''(z_ij) ‖x_i‖².
/// </summary>
public static class HessianTrace
{
    // Columns per block in the reductions over neurons. A fixed size (not one tied to the
    // number of threads) keeps the summation order, hence the result, identical on every machine.
    private const int Block = 64;

    /// <summary>F(θ) and L_S(θ) for features X (n × d), labels y, outer weights a (m) and inner weights W (m × d).</summary>
    public static HessianTraceResult Compute(Matrix<double> x, double[] y, double[] a, Matrix<double> w, Activation sigma,
                                             IDenseKernels kernels)
    {
        Validate(x, y, a, w, sigma);
        ArgumentNullException.ThrowIfNull(kernels);
        var n = x.RowCount;
        var m = w.RowCount;
        var z = PreActivations(x, w, kernels);
        var sqNorms = SquaredRowNorms(x);

        var f = Outputs(z, a, sigma, n, m);
        var r = new double[n];
        double loss = 0, maxAbs = 0;
        for (var i = 0; i < n; i++)
        {
            r[i] = f[i] - y[i];
            loss += r[i] * r[i];
            maxAbs = Math.Max(maxAbs, Math.Abs(r[i]));
        }
        loss /= n;

        var gaussNewton = new double[m];
        var residual = new double[m];
        Parallel.For(0, m, j =>
        {
            double g = 0, h = 0;
            var aj = a[j];
            var offset = j * n;
            for (var i = 0; i < n; i++)
            {
                var zij = z[offset + i];
                var v = sigma.Value(zij);
                var dv = sigma.Derivative(zij);
                g += v * v + aj * aj * dv * dv * sqNorms[i];
                h += r[i] * sigma.SecondDerivative(zij) * sqNorms[i];
            }
            gaussNewton[j] = g;
            residual[j] = aj * h;
        });
        var gnTerm = 2.0 / n * gaussNewton.Sum();
        var resTerm = 2.0 / n * residual.Sum();
        return new HessianTraceResult(gnTerm + resTerm, gnTerm, resTerm, loss, maxAbs);
    }

    /// <summary>L_S(θ) = (1/n) Σ_i (f(x_i) − y_i)² alone (one matrix multiply and one pass).</summary>
    public static double EmpiricalLoss(Matrix<double> x, double[] y, double[] a, Matrix<double> w, Activation sigma,
                                       IDenseKernels kernels)
    {
        var f = Predict(x, a, w, sigma, kernels);
        if (y.Length != f.Length) throw new ArgumentException($"X has {f.Length} rows but y has {y.Length} entries.", nameof(y));
        var loss = 0.0;
        for (var i = 0; i < f.Length; i++) loss += (f[i] - y[i]) * (f[i] - y[i]);
        return loss / f.Length;
    }

    /// <summary>The network outputs f(x_i; a, W) = Σ_j a_j σ(w_j · x_i) for every row of X.</summary>
    public static double[] Predict(Matrix<double> x, double[] a, Matrix<double> w, Activation sigma, IDenseKernels kernels)
    {
        Validate(x, new double[x.RowCount], a, w, sigma);
        var z = PreActivations(x, w, kernels);
        return Outputs(z, a, sigma, x.RowCount, w.RowCount);
    }

    /// <summary>Z = X Wᵀ (n × m, column-major).</summary>
    private static double[] PreActivations(Matrix<double> x, Matrix<double> w, IDenseKernels kernels)
    {
        var n = x.RowCount;
        var m = w.RowCount;
        var d = x.ColumnCount;
        var z = new double[n * m];
        kernels.Multiply(false, true, n, m, d, Dense(x).Values, Dense(w).Values, z);
        return z;
    }

    /// <summary>f = Φ a, reduced over fixed blocks of neurons in parallel and summed in block order.</summary>
    private static double[] Outputs(double[] z, double[] a, Activation sigma, int n, int m)
    {
        var blocks = (m + Block - 1) / Block;
        var partial = new double[blocks][];
        Parallel.For(0, blocks, b =>
        {
            var acc = new double[n];
            for (var j = b * Block; j < Math.Min(m, (b + 1) * Block); j++)
            {
                var aj = a[j];
                if (aj == 0) continue;
                var offset = j * n;
                for (var i = 0; i < n; i++) acc[i] += aj * sigma.Value(z[offset + i]);
            }
            partial[b] = acc;
        });
        var f = new double[n];
        foreach (var acc in partial)
            for (var i = 0; i < n; i++) f[i] += acc[i];
        return f;
    }

    private static double[] SquaredRowNorms(Matrix<double> x)
    {
        var n = x.RowCount;
        var values = Dense(x).Values;
        var sq = new double[n];
        for (var c = 0; c < x.ColumnCount; c++)
            for (var i = 0; i < n; i++) sq[i] += values[i + c * n] * values[i + c * n];
        return sq;
    }

    private static void Validate(Matrix<double> x, double[] y, double[] a, Matrix<double> w, Activation sigma)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(sigma);
        if (x.RowCount < 1) throw new ArgumentException("X has no rows (n = 0).", nameof(x));
        if (w.RowCount < 1) throw new ArgumentException("W has no rows (m = 0).", nameof(w));
        if (x.ColumnCount != w.ColumnCount)
            throw new ArgumentException($"X has d = {x.ColumnCount} columns but W has {w.ColumnCount}.", nameof(w));
        if (y.Length != x.RowCount)
            throw new ArgumentException($"X has {x.RowCount} rows but y has {y.Length} entries.", nameof(y));
        if (a.Length != w.RowCount)
            throw new ArgumentException($"W has {w.RowCount} rows (neurons) but a has {a.Length} entries.", nameof(a));
    }

    private static DenseMatrix Dense(Matrix<double> m) => m as DenseMatrix ?? DenseMatrix.OfMatrix(m);
}
