using System.Runtime.InteropServices;

namespace FlatLab.LinearAlgebra;

/// <summary>The system OpenBLAS (Debian's libopenblas0), called directly through its C and
/// Fortran entry points: syrk and potrf run at tens of GFLOP/s where managed code gets a few.</summary>
public sealed unsafe class OpenBlasKernels : IDenseKernels
{
    private const string Lib = "libopenblas.so.0";
    private const int ColMajor = 102, NoTrans = 111, Trans = 112, Lower = 122;

    private OpenBlasKernels(string name) => Name = name;

    public string Name { get; }

    /// <summary>The OpenBLAS kernel family FlatLab pins on x86-64 unless the user set OPENBLAS_CORETYPE.</summary>
    public const string PinnedCoreType = "Haswell";

    /// <summary>Loads the library; null when it is not installed.</summary>
    public static OpenBlasKernels? TryLoad()
    {
        PinCoreType();
        if (!NativeLibrary.TryLoad(Lib, typeof(OpenBlasKernels).Assembly, null, out _)) return null;
        try
        {
            var config = Marshal.PtrToStringAnsi(openblas_get_config()) ?? "";
            return new OpenBlasKernels($"OpenBLAS ({config.Trim()})");
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// OpenBLAS picks its kernels by processor when it loads. Its AVX-512 (SkylakeX) kernels round
    /// differently from call to call for the same input (the split of a dot product follows the
    /// array's memory alignment, which the .NET heap does not fix), so the same seed gave different
    /// bits. The AVX2 (Haswell) kernels run on every AVX-512 processor and give the same bits every
    /// time; they must be chosen before the library loads, through its environment variable.
    /// </summary>
    private static void PinCoreType()
    {
        if (!System.Runtime.Intrinsics.X86.Avx2.IsSupported) return;
        if (Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") is { Length: > 0 }) return;
        setenv("OPENBLAS_CORETYPE", PinnedCoreType, 0);
    }

    /// <summary>OpenBLAS's own thread count, process-wide. Only a host sets it, once at start
    /// (<see cref="DenseKernels.ForHost"/>): changing it while computations run changes their bits.</summary>
    public int ThreadCount
    {
        get => openblas_get_num_threads();
        internal set => openblas_set_num_threads(Math.Max(1, value));
    }

    public void Multiply(bool transposeA, bool transposeB, int rows, int cols, int inner,
                         double[] a, double[] b, double[] c)
    {
        fixed (double* pa = a, pb = b, pc = c)
            cblas_dgemm(ColMajor, transposeA ? Trans : NoTrans, transposeB ? Trans : NoTrans,
                        rows, cols, inner, 1.0, pa, transposeA ? inner : rows, pb, transposeB ? cols : inner,
                        0.0, pc, rows);
    }

    public void MultiplyVector(bool transpose, int rows, int cols, double[] a, double[] x, double[] y)
    {
        fixed (double* pa = a, px = x, py = y)
            cblas_dgemv(ColMajor, transpose ? Trans : NoTrans, rows, cols, 1.0, pa, rows, px, 1, 0.0, py, 1);
    }

    public void SymmetricRankK(int n, int m, double[] a, double[] c)
    {
        fixed (double* pa = a, pc = c)
            cblas_dsyrk(ColMajor, Lower, NoTrans, n, m, 1.0, pa, n, 0.0, pc, n);
    }

    public bool CholeskyFactor(int n, double[] a)
    {
        byte uplo = (byte)'L';
        int info;
        fixed (double* pa = a) dpotrf_(&uplo, &n, pa, &n, &info);
        return info == 0;
    }

    public void CholeskySolve(int n, double[] factor, double[] b)
    {
        byte uplo = (byte)'L';
        int nrhs = 1, info;
        fixed (double* pf = factor, pb = b) dpotrs_(&uplo, &n, &nrhs, pf, &n, pb, &n, &info);
        if (info != 0) throw new InvalidOperationException($"dpotrs failed with info = {info}.");
    }

    public bool LuFactor(int n, double[] a, int[] pivots)
    {
        int info;
        fixed (double* pa = a)
        fixed (int* pp = pivots)
            dgetrf_(&n, &n, pa, &n, pp, &info);
        return info == 0;
    }

    public void LuSolve(int n, double[] lu, int[] pivots, bool transpose, double[] b)
    {
        byte trans = (byte)(transpose ? 'T' : 'N');
        int nrhs = 1, info;
        fixed (double* pa = lu, pb = b)
        fixed (int* pp = pivots)
            dgetrs_(&trans, &n, &nrhs, pa, &n, pp, pb, &n, &info);
        if (info != 0) throw new InvalidOperationException($"dgetrs failed with info = {info}.");
    }

    public double[] SymmetricEigenvalues(int n, double[] a)
    {
        byte jobz = (byte)'N', uplo = (byte)'L';
        var w = new double[n];
        int lwork = -1, liwork = -1, info;
        double workSize;
        int iworkSize;
        fixed (double* pa = a, pw = w)
        {
            dsyevd_(&jobz, &uplo, &n, pa, &n, pw, &workSize, &lwork, &iworkSize, &liwork, &info);
            lwork = (int)workSize;
            liwork = iworkSize;
            var work = new double[Math.Max(1, lwork)];
            var iwork = new int[Math.Max(1, liwork)];
            fixed (double* pwork = work)
            fixed (int* piwork = iwork)
                dsyevd_(&jobz, &uplo, &n, pa, &n, pw, pwork, &lwork, piwork, &liwork, &info);
        }
        if (info != 0) throw new ArithmeticException($"dsyevd did not converge (info = {info}).");
        return w;
    }

    public void PivotedQr(int rows, int cols, double[] a, int[] pivots, double[] tau)
    {
        using var _ = SingleThreaded();
        Array.Clear(pivots); // 0 marks a free column for dgeqp3
        int info, lwork = -1;
        double workSize;
        fixed (double* pa = a, pt = tau)
        fixed (int* pp = pivots)
        {
            dgeqp3_(&rows, &cols, pa, &rows, pp, pt, &workSize, &lwork, &info);
            lwork = (int)workSize;
            var work = new double[Math.Max(1, lwork)];
            fixed (double* pw = work) dgeqp3_(&rows, &cols, pa, &rows, pp, pt, pw, &lwork, &info);
        }
        if (info != 0) throw new ArithmeticException($"dgeqp3 failed (info = {info}).");
    }

    /// <summary>Blocked (BLAS-3) and on the host's threads, like the products: its bits follow the thread count.</summary>
    public void Qr(int rows, int cols, double[] a, double[] tau)
    {
        int info, lwork = -1;
        double workSize;
        fixed (double* pa = a, pt = tau)
        {
            dgeqrf_(&rows, &cols, pa, &rows, pt, &workSize, &lwork, &info);
            lwork = (int)workSize;
            var work = new double[Math.Max(1, lwork)];
            fixed (double* pw = work) dgeqrf_(&rows, &cols, pa, &rows, pt, pw, &lwork, &info);
        }
        if (info != 0) throw new ArithmeticException($"dgeqrf failed (info = {info}).");
    }

    public void QrFormQ(int rows, int cols, double[] a, double[] tau)
    {
        using var _ = SingleThreaded();
        int info, lwork = -1;
        double workSize;
        fixed (double* pa = a, pt = tau)
        {
            dorgqr_(&rows, &cols, &cols, pa, &rows, pt, &workSize, &lwork, &info);
            lwork = (int)workSize;
            var work = new double[Math.Max(1, lwork)];
            fixed (double* pw = work) dorgqr_(&rows, &cols, &cols, pa, &rows, pt, pw, &lwork, &info);
        }
        if (info != 0) throw new ArithmeticException($"dorgqr failed (info = {info}).");
    }

    /// <summary>
    /// dgeqp3 and dorgqr spend their time in matrix–vector products on narrow panels, where OpenBLAS's
    /// threads mostly wait for each other (on a busy machine a 500 × 250 QR took seconds instead of
    /// milliseconds). One thread is faster there and gives the same bits whatever the host's thread count;
    /// the count is restored afterwards (hosts that solve in parallel run OpenBLAS on one thread anyway).
    /// </summary>
    private static ThreadScope SingleThreaded() => new();

    private readonly struct ThreadScope : IDisposable
    {
        private readonly int _before;

        public ThreadScope()
        {
            _before = openblas_get_num_threads();
            if (_before > 1) openblas_set_num_threads(1);
        }

        public void Dispose()
        {
            if (_before > 1) openblas_set_num_threads(_before);
        }
    }

    [DllImport(Lib)] private static extern void dgeqp3_(int* m, int* n, double* a, int* lda, int* jpvt, double* tau,
        double* work, int* lwork, int* info);
    [DllImport(Lib)] private static extern void dgeqrf_(int* m, int* n, double* a, int* lda, double* tau,
        double* work, int* lwork, int* info);
    [DllImport(Lib)] private static extern void dorgqr_(int* m, int* n, int* k, double* a, int* lda, double* tau,
        double* work, int* lwork, int* info);
    [DllImport(Lib)] private static extern void dsyevd_(byte* jobz, byte* uplo, int* n, double* a, int* lda, double* w,
        double* work, int* lwork, int* iwork, int* liwork, int* info);
    [DllImport(Lib)] private static extern void dgetrf_(int* m, int* n, double* a, int* lda, int* ipiv, int* info);
    [DllImport(Lib)] private static extern void dgetrs_(byte* trans, int* n, int* nrhs, double* a, int* lda, int* ipiv,
        double* b, int* ldb, int* info);
    [DllImport(Lib)] private static extern void cblas_dgemm(int order, int transA, int transB, int m, int n, int k,
        double alpha, double* a, int lda, double* b, int ldb, double beta, double* c, int ldc);
    [DllImport(Lib)] private static extern void cblas_dgemv(int order, int trans, int m, int n, double alpha,
        double* a, int lda, double* x, int incx, double beta, double* y, int incy);
    [DllImport(Lib)] private static extern void cblas_dsyrk(int order, int uplo, int trans, int n, int k,
        double alpha, double* a, int lda, double beta, double* c, int ldc);
    [DllImport(Lib)] private static extern void dpotrf_(byte* uplo, int* n, double* a, int* lda, int* info);
    [DllImport(Lib)] private static extern void dpotrs_(byte* uplo, int* n, int* nrhs, double* a, int* lda,
        double* b, int* ldb, int* info);
    [DllImport(Lib)] private static extern IntPtr openblas_get_config();
    [DllImport("libc", CharSet = CharSet.Ansi)] private static extern int setenv(string name, string value, int overwrite);
    [DllImport(Lib)] private static extern int openblas_get_num_threads();
    [DllImport(Lib)] private static extern void openblas_set_num_threads(int count);
}
