using FlatLab.Activations;
using FlatLab.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Training;

/// <summary>
/// The empirical loss L = (1/n) Σ_i (f(x_i) − y_i)² and its analytic gradient (MODEL §3):
///   ∂L/∂a_j = (2/n) Σ_i r_i σ(w_j·x_i),   ∂L/∂w_j = (2/n) a_j Σ_i r_i σ'(w_j·x_i) x_i,
/// with r = f − y, batched as two matrix products on the dense kernels.
/// </summary>
public static class NetworkGradient
{
    /// <summary>The loss at θ on (x, y), and its gradient written into <paramref name="gradient"/>.</summary>
    public static double Compute(DenseMatrix x, double[] y, NetworkState theta, Activation sigma, NetworkState gradient,
        IDenseKernels kernels)
    {
        var n = x.RowCount;
        var d = x.ColumnCount;
        var m = theta.Width;
        var z = new double[n * m];
        kernels.Multiply(false, true, n, m, d, x.Values, theta.Inner.Values, z);
        var residual = new double[n];
        var slope = new double[n * m];
        for (var j = 0; j < m; j++)
        {
            var aj = theta.Outer[j];
            for (var i = 0; i < n; i++)
            {
                var zij = z[i + j * n];
                slope[i + j * n] = sigma.Derivative(zij);
                z[i + j * n] = sigma.Value(zij);
                residual[i] += aj * z[i + j * n];
            }
        }
        var loss = 0.0;
        for (var i = 0; i < n; i++)
        {
            residual[i] -= y[i];
            loss += residual[i] * residual[i];
        }
        kernels.MultiplyVector(true, n, m, z, residual, gradient.Outer);
        for (var j = 0; j < m; j++)
        {
            gradient.Outer[j] *= 2.0 / n;
            for (var i = 0; i < n; i++) slope[i + j * n] *= residual[i];
        }
        kernels.Multiply(true, false, m, d, n, slope, x.Values, gradient.Inner.Values);
        var gw = gradient.Inner.Values;
        for (var c = 0; c < d; c++)
            for (var j = 0; j < m; j++) gw[j + c * m] *= 2.0 / n * theta.Outer[j];
        return loss / n;
    }

    /// <summary>The loss alone.</summary>
    public static double Loss(DenseMatrix x, double[] y, NetworkState theta, Activation sigma, IDenseKernels kernels) =>
        Compute(x, y, theta, sigma, NetworkState.Zero(theta.Width, theta.Dimension), kernels);
}
