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
}
