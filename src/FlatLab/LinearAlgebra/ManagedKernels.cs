using MathNet.Numerics.LinearAlgebra.Double;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace FlatLab.LinearAlgebra;

/// <summary>The managed fallback on Math.NET Numerics, used when OpenBLAS is not installed.</summary>
public sealed class ManagedKernels : IDenseKernels
{
    public static readonly ManagedKernels Instance = new();

    public string Name => "Math.NET Numerics (managed)";

    public void Multiply(bool transposeA, bool transposeB, int rows, int cols, int inner,
                         double[] a, double[] b, double[] c)
    {
        var ma = transposeA ? new DenseMatrix(inner, rows, Leading(a, inner * rows)).Transpose() : new DenseMatrix(rows, inner, Leading(a, rows * inner));
        var mb = transposeB ? new DenseMatrix(cols, inner, Leading(b, cols * inner)).Transpose() : new DenseMatrix(inner, cols, Leading(b, inner * cols));
        ma.Multiply(mb, new DenseMatrix(rows, cols, c));
    }

    public void MultiplyVector(bool transpose, int rows, int cols, double[] a, double[] x, double[] y)
    {
        var m = new DenseMatrix(rows, cols, Leading(a, rows * cols));
        if (transpose) m.TransposeThisAndMultiply(new DenseVector(x), new DenseVector(y));
        else m.Multiply(new DenseVector(x), new DenseVector(y));
    }

    public void SymmetricRankK(int n, int m, double[] a, double[] c)
    {
        var ma = new DenseMatrix(n, m, Leading(a, n * m));
        ma.TransposeAndMultiply(ma, new DenseMatrix(n, n, c));
    }

    /// <summary>The first <paramref name="length"/> entries: callers may pass a larger buffer whose leading part holds the
    /// matrix (as BLAS allows), while Math.NET's matrices need an array of exactly their size.</summary>
    private static double[] Leading(double[] a, int length) => a.Length == length ? a : a[..length];

    public bool CholeskyFactor(int n, double[] a)
    {
        // Math.NET's provider reads the full matrix: mirror the lower triangle first.
        for (var j = 0; j < n; j++)
            for (var i = j + 1; i < n; i++) a[j + i * n] = a[i + j * n];
        try
        {
            LinearAlgebraControl.Provider.CholeskyFactor(a, n);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public void CholeskySolve(int n, double[] factor, double[] b) =>
        LinearAlgebraControl.Provider.CholeskySolveFactored(factor, n, b, 1);

    public bool LuFactor(int n, double[] a, int[] pivots)
    {
        LinearAlgebraControl.Provider.LUFactor(a, n, pivots);
        for (var i = 0; i < n; i++)
        {
            if (a[i + i * n] == 0) return false;
            pivots[i] += 1; // Math.NET pivots are 0-based; the interface follows LAPACK.
        }
        return true;
    }

    public void LuSolve(int n, double[] lu, int[] pivots, bool transpose, double[] b)
    {
        if (!transpose)
        {
            var zeroBased = pivots.Select(p => p - 1).ToArray();
            LinearAlgebraControl.Provider.LUSolveFactored(1, lu, n, zeroBased, b);
            return;
        }
        // Aᵀ = Uᵀ Lᵀ Pᵀ... solved directly: Uᵀ w = b, Lᵀ v = w, then undo the row swaps in reverse.
        for (var i = 0; i < n; i++)
        {
            var s = b[i];
            for (var k = 0; k < i; k++) s -= lu[k + i * n] * b[k];
            b[i] = s / lu[i + i * n];
        }
        for (var i = n - 1; i >= 0; i--)
        {
            var s = b[i];
            for (var k = i + 1; k < n; k++) s -= lu[k + i * n] * b[k];
            b[i] = s;
        }
        for (var i = n - 1; i >= 0; i--)
        {
            var p = pivots[i] - 1;
            if (p != i) (b[i], b[p]) = (b[p], b[i]);
        }
    }

    /// <summary>Householder QR with column pivoting (Businger and Golub), LAPACK's layout and reflector
    /// convention; column norms are downdated and recomputed when cancellation would spoil them.</summary>
    public void PivotedQr(int rows, int cols, double[] a, int[] pivots, double[] tau)
    {
        var k = Math.Min(rows, cols);
        var norms = new double[cols];
        var reference = new double[cols];
        var swap = new double[rows];
        for (var j = 0; j < cols; j++)
        {
            pivots[j] = j + 1;
            norms[j] = reference[j] = Norm(a.AsSpan(j * rows, rows));
        }
        for (var step = 0; step < k; step++)
        {
            var best = step;
            for (var j = step + 1; j < cols; j++)
                if (norms[j] > norms[best]) best = j;
            if (best != step)
            {
                a.AsSpan(step * rows, rows).CopyTo(swap);
                a.AsSpan(best * rows, rows).CopyTo(a.AsSpan(step * rows, rows));
                swap.CopyTo(a.AsSpan(best * rows, rows));
                (pivots[step], pivots[best]) = (pivots[best], pivots[step]);
                (norms[step], norms[best]) = (norms[best], norms[step]);
                (reference[step], reference[best]) = (reference[best], reference[step]);
            }
            tau[step] = ReflectColumn(rows, cols, a, step);
            // Row `step` leaves the remaining columns' norms even when the pivot column needed no reflection
            // (τ = 0, e.g. a column already zero below its diagonal, as in a triangular input).
            for (var j = step + 1; j < cols; j++)
            {
                if (norms[j] == 0) continue;
                var ratio = Math.Abs(a[j * rows + step]) / norms[j];
                var factor = Math.Max(0, (1 - ratio) * (1 + ratio));
                if (factor * (norms[j] / reference[j]) * (norms[j] / reference[j]) <= 1.5e-8)
                    norms[j] = reference[j] = Norm(a.AsSpan(j * rows + step + 1, rows - step - 1));
                else norms[j] *= Math.Sqrt(factor);
            }
        }
    }

    public void Qr(int rows, int cols, double[] a, double[] tau)
    {
        var k = Math.Min(rows, cols);
        for (var step = 0; step < k; step++) tau[step] = ReflectColumn(rows, cols, a, step);
    }

    /// <summary>
    /// One Householder step of a column-major QR: the reflector that zeroes column <paramref name="step"/> below
    /// its diagonal (stored there, LAPACK's way), applied to the columns after it. Returns its τ.
    /// </summary>
    private static double ReflectColumn(int rows, int cols, double[] a, int step)
    {
        var v = a.AsSpan(step * rows + step, rows - step);
        var tau = Reflector(v);
        if (tau == 0) return 0;
        var beta = v[0];
        v[0] = 1;
        for (var j = step + 1; j < cols; j++)
        {
            var column = a.AsSpan(j * rows + step, rows - step);
            var t = tau * Dot(v, column);
            for (var i = 0; i < column.Length; i++) column[i] -= t * v[i];
        }
        v[0] = beta;
        return tau;
    }

    public void QrFormQ(int rows, int cols, double[] a, double[] tau)
    {
        var reflectors = a.AsSpan(0, rows * cols).ToArray();
        Array.Clear(a, 0, rows * cols);
        for (var j = 0; j < cols; j++) a[j * rows + j] = 1;
        for (var step = cols - 1; step >= 0; step--)
        {
            if (tau[step] == 0) continue;
            var v = reflectors.AsSpan(step * rows + step, rows - step).ToArray();
            v[0] = 1;
            for (var j = step; j < cols; j++)
            {
                var column = a.AsSpan(j * rows + step, rows - step);
                var t = tau[step] * Dot(v, column);
                for (var i = 0; i < column.Length; i++) column[i] -= t * v[i];
            }
        }
    }

    /// <summary>LAPACK's dlarfg on x = (α, x₂): leaves β in x[0] and v₂ in x[1..]; returns τ.</summary>
    private static double Reflector(Span<double> x)
    {
        var tailNorm = Norm(x[1..]);
        if (tailNorm == 0) return 0;
        var alpha = x[0];
        var beta = -Math.CopySign(Math.Sqrt(alpha * alpha + tailNorm * tailNorm), alpha);
        var scale = 1 / (alpha - beta);
        for (var i = 1; i < x.Length; i++) x[i] *= scale;
        x[0] = beta;
        return (beta - alpha) / beta;
    }

    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var s = 0.0;
        for (var i = 0; i < x.Length; i++) s += x[i] * y[i];
        return s;
    }

    private static double Norm(ReadOnlySpan<double> x)
    {
        var scale = 0.0;
        foreach (var v in x) scale = Math.Max(scale, Math.Abs(v));
        if (scale == 0) return 0;
        var sum = 0.0;
        foreach (var v in x) sum += (v / scale) * (v / scale);
        return scale * Math.Sqrt(sum);
    }

    public double[] SymmetricEigenvalues(int n, double[] a)
    {
        for (var j = 0; j < n; j++)
            for (var i = j + 1; i < n; i++) a[j + i * n] = a[i + j * n];
        return new DenseMatrix(n, n, a).Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric)
            .EigenValues.Select(e => e.Real).Order().ToArray();
    }
}
