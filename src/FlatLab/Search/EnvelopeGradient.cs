using FlatLab.LinearAlgebra;
using FlatLab.Networks;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Search;

/// <summary>
/// The gradient of the optimal value V(W) = min { Σ_j c_j(W) |a_j|^p : Φ(W) a = y } with respect to
/// the unit directions w_j, by the envelope theorem: at the optimum (a, λ) of docs/model.md §5,
///   ∂V/∂w_j = |a_j|^p ∂c_j/∂w_j − a_j Σ_i λ_i σ'(w_j·x_i) x_i,
/// with ∂c_j/∂w_j = c_j [ ∂S_j/((k+1) S_j) + k ∂T_j/((k+1) T_j) ], ∂S_j = Σ_i 2σσ'(z_ij) x_i and
/// ∂T_j = Σ_i 2σ'σ''(z_ij) ‖x_i‖² x_i (zero for unit weights c_j = 1). The result is projected on
/// the tangent space of each sphere: with exact weights V is 0-homogeneous in every w_j and the radial
/// part is rounding; with unit weights (c_j = 1) it is not, and only the tangential part moves W.
/// </summary>
public static class EnvelopeGradient
{
    /// <param name="w">Unit-norm directions (m × d).</param>
    /// <param name="exactWeights">True for c_j = S^{1/(k+1)} T^{k/(k+1)}, false for c_j = 1.</param>
    public static DenseMatrix Compute(DenseMatrix x, DenseMatrix w, NeuronFeatures features, double[] a, double[] lambda,
        bool exactWeights, IDenseKernels kernels)
    {
        var n = x.RowCount;
        var d = x.ColumnCount;
        var m = w.RowCount;
        if (a.Length != m || lambda.Length != n)
            throw new ArgumentException($"The envelope gradient needs a solved problem: a has {a.Length} entries for m = {m}, λ has {lambda.Length} for n = {n}.");
        var sigma = features.Activation;
        var k = sigma.K;
        var p = sigma.P;
        var z = new double[n * m];
        kernels.Multiply(false, true, n, m, d, x.Values, w.Values, z);
        var sqNorms = new double[n];
        for (var c = 0; c < d; c++)
            for (var i = 0; i < n; i++) sqNorms[i] += x.Values[i + c * n] * x.Values[i + c * n];
        var c_ = exactWeights ? features.ExactWeights() : null;

        var weights = new double[n * m];
        Parallel.For(0, m, j =>
        {
            var aj = a[j];
            var weightTerm = c_ is not null && aj != 0 && c_[j] > 0 ? Math.Pow(Math.Abs(aj), p) * c_[j] : 0.0;
            var sCoef = weightTerm > 0 ? weightTerm / ((k + 1) * features.S[j]) : 0;
            var tCoef = weightTerm > 0 && features.T[j] > 0 ? weightTerm * k / ((k + 1) * features.T[j]) : 0;
            for (var i = 0; i < n; i++)
            {
                var zij = z[i + j * n];
                var s1 = sigma.Derivative(zij);
                var value = -aj * lambda[i] * s1;
                if (sCoef != 0) value += sCoef * 2 * sigma.Value(zij) * s1;
                if (tCoef != 0) value += tCoef * 2 * s1 * sigma.SecondDerivative(zij) * sqNorms[i];
                weights[i + j * n] = value;
            }
        });
        var gradient = new DenseMatrix(m, d);
        kernels.Multiply(true, false, m, d, n, weights, x.Values, gradient.Values);
        for (var j = 0; j < m; j++)
        {
            var radial = 0.0;
            for (var c = 0; c < d; c++) radial += gradient[j, c] * w[j, c];
            for (var c = 0; c < d; c++) gradient[j, c] -= radial * w[j, c];
        }
        return gradient;
    }
}
