using FlatLab.Activations;
using FlatLab.LinearAlgebra;
using FlatLab.Networks;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.InnerWeights;

/// <summary>
/// Separation of the inner weights and the condition number of Φ (MODEL §6). Φ is built from the
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
        var (largest, smallest, tolerance) = ExtremeSingularValues(features.Phi, kernels);
        var condition = smallest > 0 ? largest / smallest : double.PositiveInfinity;
        return new WeightDiagnosticsResult(separation, largest, smallest, condition, tolerance);
    }

    /// <summary>max_{j≠l} |ŵ_j · ŵ_l| from the lower triangle of Ŵ Ŵᵀ (one rank-k update); NaN for m = 1.</summary>
    public static double Separation(DenseMatrix unitRows, IDenseKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(unitRows);
        ArgumentNullException.ThrowIfNull(kernels);
        var m = unitRows.RowCount;
        if (m < 2) return double.NaN;
        var gram = new double[m * m];
        kernels.SymmetricRankK(m, unitRows.ColumnCount, unitRows.Values, gram);
        var max = 0.0;
        for (var l = 0; l < m; l++)
            for (var j = l + 1; j < m; j++) max = Math.Max(max, Math.Abs(gram[j + l * m]));
        return max;
    }

    /// <summary>
    /// σ_max and σ_min of Φ (n × m) from the eigenvalues of the smaller Gram matrix (Φ Φᵀ when n ≤ m, else Φᵀ Φ).
    /// The Gram matrix squares the condition number, so eigenvalues below max(n, m)·ε·λ_max are rounding noise:
    /// Φ then counts as rank deficient (σ_min = 0). Condition numbers up to about 1/√(max(n, m)·ε) are resolved.
    /// </summary>
    public static (double Largest, double Smallest, double RankTolerance) ExtremeSingularValues(DenseMatrix phi, IDenseKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(phi);
        ArgumentNullException.ThrowIfNull(kernels);
        var wide = phi.RowCount <= phi.ColumnCount;
        var a = wide ? phi : (DenseMatrix)phi.Transpose();
        var size = a.RowCount;
        var gram = new double[size * size];
        kernels.SymmetricRankK(size, a.ColumnCount, a.Values, gram);
        var eigen = kernels.SymmetricEigenvalues(size, gram);
        var lambdaMax = eigen[^1];
        var lambdaMin = eigen[0];
        var tolerance = Math.Max(phi.RowCount, phi.ColumnCount) * FloatingPoint.UnitRoundoff * lambdaMax;
        var largest = Math.Sqrt(Math.Max(lambdaMax, 0));
        var smallest = lambdaMax > 0 && lambdaMin > tolerance ? Math.Sqrt(lambdaMin) : 0;
        return (largest, smallest, tolerance);
    }
}
