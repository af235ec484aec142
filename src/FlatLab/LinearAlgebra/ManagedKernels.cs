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
        var ma = transposeA ? new DenseMatrix(inner, rows, a).Transpose() : new DenseMatrix(rows, inner, a);
        var mb = transposeB ? new DenseMatrix(cols, inner, b).Transpose() : new DenseMatrix(inner, cols, b);
        ma.Multiply(mb, new DenseMatrix(rows, cols, c));
    }

    public void MultiplyVector(bool transpose, int rows, int cols, double[] a, double[] x, double[] y)
    {
        var m = new DenseMatrix(rows, cols, a);
        if (transpose) m.TransposeThisAndMultiply(new DenseVector(x), new DenseVector(y));
        else m.Multiply(new DenseVector(x), new DenseVector(y));
    }

    public void SymmetricRankK(int n, int m, double[] a, double[] c)
    {
        var ma = new DenseMatrix(n, m, a);
        ma.TransposeAndMultiply(ma, new DenseMatrix(n, n, c));
    }

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

    public double[] SymmetricEigenvalues(int n, double[] a)
    {
        for (var j = 0; j < n; j++)
            for (var i = j + 1; i < n; i++) a[j + i * n] = a[i + j * n];
        return new DenseMatrix(n, n, a).Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric)
            .EigenValues.Select(e => e.Real).Order().ToArray();
    }
}
