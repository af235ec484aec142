using FlatLab.LinearAlgebra;
using FlatLab.Randomness;

namespace FlatLab.Tests.LinearAlgebra;

/// <summary>
/// Both kernel implementations against plain triple loops written here (column-major, as the
/// interface documents) and against each other; the LU factors against P A = L U in LAPACK's pivot convention. Products of O(1) Gaussian entries with inner size
/// ≤ 40 carry rounding of order 40 × 1e-16, so 1e-12 absolute leaves a wide margin while a wrong
/// transpose or leading dimension gives O(1) errors.
/// </summary>
public sealed class DenseKernelsTests
{
    private const double Tolerance = 1e-12;

    private static IDenseKernels Kernels(string name) => name == "managed" ? ManagedKernels.Instance : OpenBlas.Kernels;

    [Theory]
    [InlineData("managed")]
    [OpenBlasData]
    public void GivenRandomMatrices_WhenMultiplyingWithEachTransposeCombination_ThenTheTripleLoopAgrees(string implementation)
    {
        var kernels = Kernels(implementation);
        const int rows = 7, cols = 5, inner = 11;
        var random = new RandomSource(101);
        foreach (var (ta, tb) in new[] { (false, false), (true, false), (false, true), (true, true) })
        {
            var a = Gaussian(rows * inner, random);
            var b = Gaussian(inner * cols, random);
            var c = Gaussian(rows * cols, random); // garbage that must be overwritten, not accumulated
            kernels.Multiply(ta, tb, rows, cols, inner, a, b, c);
            for (var i = 0; i < rows; i++)
                for (var j = 0; j < cols; j++)
                {
                    var expected = 0.0;
                    for (var k = 0; k < inner; k++)
                        expected += (ta ? a[k + i * inner] : a[i + k * rows]) * (tb ? b[j + k * cols] : b[k + j * inner]);
                    Assert.True(Math.Abs(expected - c[i + j * rows]) < Tolerance, $"{implementation} ta={ta} tb={tb} C[{i},{j}]");
                }
        }
    }

    [Theory]
    [InlineData("managed")]
    [OpenBlasData]
    public void GivenARandomMatrix_WhenMultiplyingAVector_ThenTheLoopAgreesForBothTransposes(string implementation)
    {
        var kernels = Kernels(implementation);
        const int rows = 9, cols = 6;
        var random = new RandomSource(102);
        var a = Gaussian(rows * cols, random);
        foreach (var transpose in new[] { false, true })
        {
            var x = Gaussian(transpose ? rows : cols, random);
            var y = Gaussian(transpose ? cols : rows, random);
            kernels.MultiplyVector(transpose, rows, cols, a, x, y);
            for (var r = 0; r < y.Length; r++)
            {
                var expected = 0.0;
                for (var k = 0; k < x.Length; k++) expected += (transpose ? a[k + r * rows] : a[r + k * rows]) * x[k];
                Assert.True(Math.Abs(expected - y[r]) < Tolerance, $"{implementation} transpose={transpose} y[{r}]");
            }
        }
    }

    [Theory]
    [InlineData("managed")]
    [OpenBlasData]
    public void GivenAWideMatrix_WhenFormingSymmetricRankK_ThenTheLowerTriangleIsAAt(string implementation)
    {
        var kernels = Kernels(implementation);
        const int n = 8, m = 20;
        var a = Gaussian(n * m, new RandomSource(103));
        var c = new double[n * n];
        kernels.SymmetricRankK(n, m, a, c);
        for (var j = 0; j < n; j++)
            for (var i = j; i < n; i++)
            {
                var expected = 0.0;
                for (var k = 0; k < m; k++) expected += a[i + k * n] * a[j + k * n];
                Assert.True(Math.Abs(expected - c[i + j * n]) < Tolerance, $"{implementation} C[{i},{j}]");
            }
    }

    [Theory]
    [InlineData("managed")]
    [OpenBlasData]
    public void GivenAPositiveDefiniteMatrix_WhenFactoringAndSolving_ThenLLtIsTheMatrixAndTheSolutionSolvesIt(string implementation)
    {
        var kernels = Kernels(implementation);
        const int n = 10;
        var random = new RandomSource(104);
        var g = Gaussian(n * 3 * n, random);
        var spd = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                for (var k = 0; k < 3 * n; k++) spd[i + j * n] += g[i + k * n] * g[j + k * n];
        var factor = spd.ToArray();
        Assert.True(kernels.CholeskyFactor(n, factor));
        for (var i = 0; i < n; i++)
            for (var j = 0; j <= i; j++)
            {
                var product = 0.0;
                for (var k = 0; k <= j; k++) product += factor[i + k * n] * factor[j + k * n]; // only the lower triangle is read
                Assert.True(Math.Abs(product - spd[i + j * n]) < 1e-10, $"{implementation} (LLᵀ)[{i},{j}]");
            }
        var b = Gaussian(n, random);
        var x = b.ToArray();
        kernels.CholeskySolve(n, factor, x);
        for (var i = 0; i < n; i++)
        {
            var ax = 0.0;
            for (var k = 0; k < n; k++) ax += spd[i + k * n] * x[k];
            Assert.True(Math.Abs(ax - b[i]) < 1e-9, $"{implementation} (Ax − b)[{i}] = {ax - b[i]:G3}");
        }
    }

    [Theory]
    [InlineData("managed")]
    [OpenBlasData]
    public void GivenAnIndefiniteMatrix_WhenFactoring_ThenTheKernelReportsFalse(string implementation)
    {
        var kernels = Kernels(implementation);
        // Symmetric with eigenvalues 3 and −1 in the leading 2 × 2 block.
        var a = new double[] { 1, 2, 0, 2, 1, 0, 0, 0, 1 };
        Assert.False(kernels.CholeskyFactor(3, a));
    }

    [Theory]
    [InlineData("managed")]
    [OpenBlasData]
    public void GivenASquareMatrix_WhenLuFactoring_ThenTheLapackPivotsAndFactorsReproduceItAndBothSolvesWork(string implementation)
    {
        var kernels = Kernels(implementation);
        const int n = 9;
        var random = new RandomSource(106);
        var a = Gaussian(n * n, random);
        var lu = a.ToArray();
        var pivots = new int[n];
        Assert.True(kernels.LuFactor(n, lu, pivots));

        // LAPACK convention: for i = 1..n, row i was swapped with row pivots[i] ≥ i (1-based). So
        // applying those swaps in order to A gives P A = L U, L unit lower, U upper.
        var pa = a.ToArray();
        for (var i = 0; i < n; i++)
        {
            Assert.InRange(pivots[i], i + 1, n);
            var r = pivots[i] - 1;
            for (var c = 0; c < n; c++) (pa[i + c * n], pa[r + c * n]) = (pa[r + c * n], pa[i + c * n]);
        }
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                var product = 0.0;
                for (var k = 0; k <= Math.Min(i, j); k++) product += (k == i ? 1 : lu[i + k * n]) * lu[k + j * n];
                Assert.True(Math.Abs(product - pa[i + j * n]) < 1e-12, $"{implementation} (LU − PA)[{i},{j}] = {product - pa[i + j * n]:G3}");
            }

        foreach (var transpose in new[] { false, true })
        {
            var b = Gaussian(n, random);
            var x = b.ToArray();
            kernels.LuSolve(n, lu, pivots, transpose, x);
            for (var i = 0; i < n; i++)
            {
                var ax = 0.0;
                for (var k = 0; k < n; k++) ax += (transpose ? a[k + i * n] : a[i + k * n]) * x[k];
                Assert.True(Math.Abs(ax - b[i]) < 1e-10, $"{implementation} transpose={transpose} (Ax − b)[{i}] = {ax - b[i]:G3}");
            }
        }
    }

    [Theory]
    [InlineData("managed")]
    [OpenBlasData]
    public void GivenAnExactlySingularMatrix_WhenLuFactoring_ThenTheKernelReportsFalse(string implementation)
    {
        var kernels = Kernels(implementation);
        // Third column zero: elimination meets an exact zero pivot whatever the row order.
        var a = new double[] { 2, 1, 4, 1, 3, 5, 0, 0, 0 };
        Assert.False(kernels.LuFactor(3, a, new int[3]));
    }

    [OpenBlasFact]
    public void GivenBothImplementations_WhenRunOnTheSameData_ThenEveryKernelAgrees()
    {
        var blas = OpenBlas.Kernels;
        var managed = ManagedKernels.Instance;
        const int n = 12, m = 30;
        var random = new RandomSource(105);
        var a = Gaussian(n * m, random);
        var x = Gaussian(m, random);

        var c1 = new double[n * n];
        var c2 = new double[n * n];
        managed.Multiply(false, true, n, n, m, a, a, c1);
        blas.Multiply(false, true, n, n, m, a, a, c2);
        AssertClose(c1, c2, Tolerance);

        var y1 = new double[n];
        var y2 = new double[n];
        managed.MultiplyVector(false, n, m, a, x, y1);
        blas.MultiplyVector(false, n, m, a, x, y2);
        AssertClose(y1, y2, Tolerance);

        var s1 = new double[n * n];
        var s2 = new double[n * n];
        managed.SymmetricRankK(n, m, a, s1);
        blas.SymmetricRankK(n, m, a, s2);
        AssertClose(Lower(s1, n), Lower(s2, n), Tolerance);

        Assert.True(managed.CholeskyFactor(n, s1));
        Assert.True(blas.CholeskyFactor(n, s2));
        AssertClose(Lower(s1, n), Lower(s2, n), 1e-10);
        var b1 = y1.ToArray();
        var b2 = y1.ToArray();
        managed.CholeskySolve(n, s1, b1);
        blas.CholeskySolve(n, s2, b2);
        AssertClose(b1, b2, 1e-9);

        var square = Gaussian(n * n, random);
        var lu1 = square.ToArray();
        var lu2 = square.ToArray();
        var p1 = new int[n];
        var p2 = new int[n];
        Assert.True(managed.LuFactor(n, lu1, p1));
        Assert.True(blas.LuFactor(n, lu2, p2));
        Assert.Equal(p1, p2); // partial pivoting picks the same largest entries
        AssertClose(lu1, lu2, 1e-10);
        foreach (var transpose in new[] { false, true })
        {
            var r1 = x.Take(n).ToArray();
            var r2 = x.Take(n).ToArray();
            managed.LuSolve(n, lu1, p1, transpose, r1);
            blas.LuSolve(n, lu2, p2, transpose, r2);
            AssertClose(r1, r2, 1e-9);
        }
    }

    private static double[] Lower(double[] c, int n) =>
        Enumerable.Range(0, n).SelectMany(j => Enumerable.Range(j, n - j).Select(i => c[i + j * n])).ToArray();

    private static void AssertClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])), $"entry {i}: {expected[i]} vs {actual[i]}");
    }

    [Theory]
    [InlineData("managed")]
    [OpenBlasData]
    public void GivenARankDeficientMatrix_WhenPivotedQrIsFormed_ThenAPEqualsQRWithOrthonormalQAndDecreasingDiagonal(string implementation)
    {
        var kernels = Kernels(implementation);
        // Given: A (9 × 6) = B C with B 9 × 4, so rank 4.
        const int rows = 9, cols = 6, rank = 4;
        var random = new RandomSource(105);
        var b = Gaussian(rows * rank, random);
        var c = Gaussian(rank * cols, random);
        var a = new double[rows * cols];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++)
                for (var k = 0; k < rank; k++) a[i + j * rows] += b[i + k * rows] * c[k + j * rank];
        var original = (double[])a.Clone();
        var pivots = new int[cols];
        var tau = new double[cols];

        // When
        kernels.PivotedQr(rows, cols, a, pivots, tau);
        var r = new double[cols * cols];
        for (var j = 0; j < cols; j++)
            for (var i = 0; i <= j; i++) r[i + j * cols] = a[i + j * rows];
        kernels.QrFormQ(rows, cols, a, tau);

        // Then: a permutation, |R_kk| non-increasing with R_kk ≈ 0 beyond the rank, QᵀQ = I and A P = Q R.
        Assert.Equal(Enumerable.Range(1, cols), pivots.Order());
        for (var k = 1; k < cols; k++) Assert.True(Math.Abs(r[k + k * cols]) <= Math.Abs(r[k - 1 + (k - 1) * cols]) * (1 + 1e-12));
        Assert.True(Math.Abs(r[rank - 1 + (rank - 1) * cols]) > 1e-3);
        Assert.True(Math.Abs(r[rank + rank * cols]) < 1e-12, $"{implementation}: R_44 = {r[rank + rank * cols]:G3}");
        for (var p = 0; p < cols; p++)
            for (var q = 0; q < cols; q++)
            {
                var dot = 0.0;
                for (var i = 0; i < rows; i++) dot += a[i + p * rows] * a[i + q * rows];
                Assert.True(Math.Abs(dot - (p == q ? 1 : 0)) < Tolerance, $"{implementation}: (QᵀQ)[{p},{q}] = {dot}");
            }
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++)
            {
                var qr = 0.0;
                for (var k = 0; k <= j; k++) qr += a[i + k * rows] * r[k + j * cols];
                var expected = original[i + (pivots[j] - 1) * rows];
                Assert.True(Math.Abs(qr - expected) < Tolerance, $"{implementation}: (QR)[{i},{j}] = {qr} vs (AP)[{i},{j}] = {expected}");
            }
    }

    [Theory]
    [InlineData("managed", 9, 6)]
    [InlineData("managed", 5, 8)]
    [OpenBlasData(9, 6)]
    [OpenBlasData(5, 8)]
    public void GivenAMatrix_WhenQrIsFormed_ThenAEqualsQRWithOrthonormalQAndUpperTriangularR(string implementation, int rows, int cols)
    {
        var kernels = Kernels(implementation);
        var a = Gaussian(rows * cols, new RandomSource(106));
        var original = (double[])a.Clone();
        var k = Math.Min(rows, cols);
        var tau = new double[k];

        // When
        kernels.Qr(rows, cols, a, tau);
        var r = new double[k * cols];
        for (var j = 0; j < cols; j++)
            for (var i = 0; i <= Math.Min(j, k - 1); i++) r[i + j * k] = a[i + j * rows];
        var q = a.AsSpan(0, rows * k).ToArray();
        kernels.QrFormQ(rows, k, q, tau);

        // Then: QᵀQ = I (rows × k) and A = Q R, with R the upper trapezoid left in A.
        for (var p = 0; p < k; p++)
            for (var s = 0; s < k; s++)
            {
                var dot = 0.0;
                for (var i = 0; i < rows; i++) dot += q[i + p * rows] * q[i + s * rows];
                Assert.True(Math.Abs(dot - (p == s ? 1 : 0)) < Tolerance, $"{implementation}: (QᵀQ)[{p},{s}] = {dot}");
            }
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < cols; j++)
            {
                var qr = 0.0;
                for (var l = 0; l < k; l++) qr += q[i + l * rows] * r[l + j * k];
                Assert.True(Math.Abs(qr - original[i + j * rows]) < Tolerance, $"{implementation}: (QR)[{i},{j}] = {qr} vs A = {original[i + j * rows]}");
            }
    }

    [Theory]
    [InlineData("managed")]
    [OpenBlasData]
    public void GivenAnUpperTriangularRankDeficientMatrix_WhenPivotedQrIsFormed_ThenItsDiagonalRevealsTheRank(string implementation)
    {
        // Given: the triangle R (8 × 8) of a QR without pivoting of A = B C (20 × 8, rank 3) whose first column is the
        // longest: R's first column is zero below its diagonal, so the first pivot needs no reflection, and the other
        // columns' norms must still lose row 0.
        const int rows = 20, size = 8, rank = 3;
        var kernels = Kernels(implementation);
        var random = new RandomSource(103);
        var b = Gaussian(rows * rank, random);
        var c = Gaussian(rank * size, random);
        var a = new double[rows * size];
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < size; j++)
                for (var k = 0; k < rank; k++) a[i + j * rows] += b[i + k * rows] * c[k + j * rank] * (j == 0 ? 10 : 1);
        kernels.Qr(rows, size, a, new double[size]);
        var r = new double[size * size];
        for (var j = 0; j < size; j++)
            for (var i = 0; i <= j; i++) r[i + j * size] = a[i + j * rows];

        // When
        kernels.PivotedQr(size, size, r, new int[size], new double[size]);

        // Then: |R_kk| non-increasing over the rank, then at rounding level.
        for (var k = 1; k <= rank; k++)
            Assert.True(Math.Abs(r[k + k * size]) <= Math.Abs(r[k - 1 + (k - 1) * size]) * (1 + 1e-12),
                $"{implementation}: |R_{k}{k}| = {Math.Abs(r[k + k * size]):G3} > |R_{k - 1}{k - 1}| = {Math.Abs(r[k - 1 + (k - 1) * size]):G3}");
        Assert.True(Math.Abs(r[rank - 1 + (rank - 1) * size]) > 1e-3, $"{implementation}: R_22 = {r[rank - 1 + (rank - 1) * size]:G3}");
        Assert.True(Math.Abs(r[rank + rank * size]) < 1e-12, $"{implementation}: R_33 = {r[rank + rank * size]:G3}");
    }

    private static double[] Gaussian(int count, RandomSource random)
    {
        var v = new double[count];
        random.FillGaussian(v);
        return v;
    }
}
