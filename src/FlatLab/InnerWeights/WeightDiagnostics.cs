using FlatLab.Activations;
using FlatLab.LinearAlgebra;
using FlatLab.Networks;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.InnerWeights;

/// <summary>
/// Separation of the inner weights and the condition number of Φ (docs/model.md §6). Φ is built from the
/// unit-normalised rows of W (as in <see cref="NeuronFeatures"/>): rescaling a neuron rescales its column of
/// Φ, so only the normalised Φ has a condition number that belongs to the directions.
/// </summary>
public static class WeightDiagnostics
{
    public static WeightDiagnosticsResult Compute(Matrix<double> x, Matrix<double> w, Activation sigma, IDenseKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(sigma);
        ArgumentNullException.ThrowIfNull(kernels);
        var features = NeuronFeatures.Compute(x, w, sigma, kernels);
        var separation = Separation(NeuronFeatures.UnitRows(w), kernels);
        var eigen = SmallerGramEigenvalues(features.Phi, kernels);
        var (largest, smallest, tolerance) = SingularValues(eigen, features.Phi);
        return new WeightDiagnosticsResult(separation, largest, smallest,
            PhiCondition(eigen, features.SampleCount, features.NeuronCount), tolerance);
    }

    /// <summary>
    /// κ(Φ) = σ_max / σ_min = √(λ_max / λ_min) from the eigenvalues of a Gram matrix of Φ (n × m): ΦΦᵀ, ΦΦᵀ/n
    /// or ΦᵀΦ, the smaller one. The Gram matrix squares the condition number, so λ_min below
    /// max(n, m)·ε·λ_max is rounding noise: Φ then counts as rank deficient and κ is +∞. The one
    /// definition of <c>phi_condition</c> (docs/model.md §6).
    /// </summary>
    /// <param name="gramEigenvalues">The eigenvalues, ascending.</param>
    public static double PhiCondition(IReadOnlyList<double> gramEigenvalues, int n, int m)
    {
        ArgumentNullException.ThrowIfNull(gramEigenvalues);
        if (gramEigenvalues.Count == 0) throw new ArgumentException("Φ has no Gram eigenvalues (n = 0).", nameof(gramEigenvalues));
        var largest = gramEigenvalues[^1];
        var smallest = gramEigenvalues[0];
        var zero = Math.Max(n, m) * FloatingPoint.UnitRoundoff * largest;
        return smallest > zero ? Math.Sqrt(largest / smallest) : double.PositiveInfinity;
    }

    /// <summary>The eigenvalues of ΦΦᵀ/n, ascending (one rank-k update and one symmetric eigensolve).</summary>
    public static double[] GramEigenvalues(NeuronFeatures features, IDenseKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(kernels);
        var n = features.SampleCount;
        var gram = new double[n * n];
        kernels.SymmetricRankK(n, features.NeuronCount, features.Phi.Values, gram);
        for (var j = 0; j < n; j++)
            for (var i = j; i < n; i++) gram[i + j * n] /= n;
        return kernels.SymmetricEigenvalues(n, gram);
    }

    /// <summary>
    /// max_{j≠l} |ŵ_j · ŵ_l|, from Ŵ Ŵᵀ formed a block of columns at a time (m × <see cref="SeparationBlock"/>),
    /// so the m × m matrix, twice the size of the n × m features at m = 2n, never exists; NaN for m = 1.
    /// </summary>
    public static double Separation(DenseMatrix unitRows, IDenseKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(unitRows);
        ArgumentNullException.ThrowIfNull(kernels);
        var m = unitRows.RowCount;
        var d = unitRows.ColumnCount;
        if (m < 2) return double.NaN;
        var w = unitRows.Values;
        var width = Math.Min(SeparationBlock, m);
        var block = new double[width * d];
        var products = new double[m * width];
        var max = 0.0;
        for (var start = 0; start < m; start += width)
        {
            var count = Math.Min(width, m - start);
            if (count < width) (block, products) = (new double[count * d], new double[m * count]); // the kernels take exact sizes
            // The rows start..start+count of Ŵ (column-major m × d) as a count × d matrix.
            for (var c = 0; c < d; c++) Array.Copy(w, c * m + start, block, c * count, count);
            kernels.Multiply(false, true, m, count, d, w, block, products);
            // Column jj holds ŵ_l · ŵ_{start+jj} for every l; the pairs l > start + jj are the strict lower triangle.
            for (var jj = 0; jj < count; jj++)
                for (var l = start + jj + 1; l < m; l++) max = Math.Max(max, Math.Abs(products[l + jj * m]));
        }
        return max;
    }

    /// <summary>Columns of Ŵ Ŵᵀ formed at once by <see cref="Separation"/>.</summary>
    private const int SeparationBlock = 256;

    /// <summary>
    /// σ_max and σ_min of Φ (n × m) from the eigenvalues of the smaller Gram matrix (Φ Φᵀ when n ≤ m, else Φᵀ Φ).
    /// The Gram matrix squares the condition number, so eigenvalues below max(n, m)·ε·λ_max are rounding noise:
    /// Φ then counts as rank deficient (σ_min = 0). Condition numbers up to about 1/√(max(n, m)·ε) are resolved.
    /// </summary>
    public static (double Largest, double Smallest, double RankTolerance) ExtremeSingularValues(DenseMatrix phi, IDenseKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(phi);
        ArgumentNullException.ThrowIfNull(kernels);
        return SingularValues(SmallerGramEigenvalues(phi, kernels), phi);
    }

    private static double[] SmallerGramEigenvalues(DenseMatrix phi, IDenseKernels kernels)
    {
        var wide = phi.RowCount <= phi.ColumnCount;
        var a = wide ? phi : (DenseMatrix)phi.Transpose();
        var size = a.RowCount;
        var gram = new double[size * size];
        kernels.SymmetricRankK(size, a.ColumnCount, a.Values, gram);
        return kernels.SymmetricEigenvalues(size, gram);
    }

    private static (double Largest, double Smallest, double RankTolerance) SingularValues(double[] eigen, DenseMatrix phi)
    {
        var lambdaMax = eigen[^1];
        var lambdaMin = eigen[0];
        var tolerance = Math.Max(phi.RowCount, phi.ColumnCount) * FloatingPoint.UnitRoundoff * lambdaMax;
        var largest = Math.Sqrt(Math.Max(lambdaMax, 0));
        var smallest = lambdaMax > 0 && lambdaMin > tolerance ? Math.Sqrt(lambdaMin) : 0;
        return (largest, smallest, tolerance);
    }
}
