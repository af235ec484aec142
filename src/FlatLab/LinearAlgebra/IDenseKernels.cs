namespace FlatLab.LinearAlgebra;

/// <summary>
/// The dense kernels the solvers spend their time in. Matrices are column-major arrays (the
/// storage of MathNet's DenseMatrix), so both implementations work on the same memory.
/// </summary>
public interface IDenseKernels
{
    /// <summary>A short name for manifests and benchmark tables, e.g. "OpenBLAS 0.3.21 (Haswell)".</summary>
    string Name { get; }

    /// <summary>C = op(A) op(B) with C (rows × cols), op(A) (rows × inner), op(B) (inner × cols).</summary>
    void Multiply(bool transposeA, bool transposeB, int rows, int cols, int inner,
                  double[] a, double[] b, double[] c);

    /// <summary>y = op(A) x for A (rows × cols).</summary>
    void MultiplyVector(bool transpose, int rows, int cols, double[] a, double[] x, double[] y);

    /// <summary>The lower triangle of C (n × n) = A Aᵀ for A (n × m).</summary>
    void SymmetricRankK(int n, int m, double[] a, double[] c);

    /// <summary>Overwrites the lower triangle of A (n × n) with its Cholesky factor L (A = L Lᵀ).
    /// Returns false, leaving A undefined, when A is not numerically positive definite.</summary>
    bool CholeskyFactor(int n, double[] a);

    /// <summary>Solves L Lᵀ x = b in place of b, with L from <see cref="CholeskyFactor"/>.</summary>
    void CholeskySolve(int n, double[] factor, double[] b);

    /// <summary>Overwrites A (n × n) with its LU factors (partial pivoting), pivots 1-based as LAPACK.
    /// Returns false when A is exactly singular.</summary>
    bool LuFactor(int n, double[] a, int[] pivots);

    /// <summary>Solves A x = b (or Aᵀ x = b) in place of b, with the factors of <see cref="LuFactor"/>.</summary>
    void LuSolve(int n, double[] lu, int[] pivots, bool transpose, double[] b);

    /// <summary>
    /// Householder QR with column pivoting (LAPACK dgeqp3) of A (rows × cols): A P = Q R. On return the
    /// upper triangle of A holds R (|R_kk| non-increasing), the part below it the reflectors
    /// H_k = I − τ_k v_k v_kᵀ (v_k(k) = 1 implied), <paramref name="tau"/> (length min(rows, cols)) their
    /// scalars and <paramref name="pivots"/> (length cols, 1-based as LAPACK) the column order: column k
    /// of A P is column pivots[k] − 1 of A.
    /// </summary>
    void PivotedQr(int rows, int cols, double[] a, int[] pivots, double[] tau);

    /// <summary>
    /// Householder QR without pivoting (LAPACK dgeqrf) of A (rows × cols): A = Q R, stored as by
    /// <see cref="PivotedQr"/> (R in the upper triangle, the reflectors below it, their scalars in
    /// <paramref name="tau"/>, length min(rows, cols)).
    /// </summary>
    void Qr(int rows, int cols, double[] a, double[] tau);

    /// <summary>
    /// Overwrites the first <paramref name="cols"/> columns of A (rows × cols, cols ≤ rows) with the
    /// orthonormal Q₁ of the first <paramref name="cols"/> reflectors left there by
    /// <see cref="PivotedQr"/> or <see cref="Qr"/> (LAPACK dorgqr); the reflectors must occupy those columns.
    /// </summary>
    void QrFormQ(int rows, int cols, double[] a, double[] tau);

    /// <summary>The eigenvalues (ascending) of the symmetric A (n × n), read from its lower triangle;
    /// A is overwritten.</summary>
    double[] SymmetricEigenvalues(int n, double[] a);
}
