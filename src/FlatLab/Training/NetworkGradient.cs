using FlatLab.Activations;
using FlatLab.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Training;

/// <summary>
/// The empirical loss L = (1/n) Σ_i (f(x_i) − y_i)² and its analytic gradient (docs/model.md §3):
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
        var (phi, residual, loss) = Forward(x, y, theta, sigma, kernels, out var z);
        kernels.MultiplyVector(true, n, m, phi, residual, gradient.Outer);
        // z becomes r_i σ'(z_ij), the weights of ∂L/∂w_j = (2/n) a_j Σ_i r_i σ'(z_ij) x_i.
        for (var j = 0; j < m; j++)
        {
            gradient.Outer[j] *= 2.0 / n;
            for (var i = 0; i < n; i++) z[i + j * n] = sigma.Derivative(z[i + j * n]) * residual[i];
        }
        kernels.Multiply(true, false, m, d, n, z, x.Values, gradient.Inner.Values);
        var gw = gradient.Inner.Values;
        for (var c = 0; c < d; c++)
            for (var j = 0; j < m; j++) gw[j + c * m] *= 2.0 / n * theta.Outer[j];
        return loss;
    }

    /// <summary>The loss alone (the same arithmetic as <see cref="Compute"/>, so the two agree bit for bit).</summary>
    public static double Loss(DenseMatrix x, double[] y, NetworkState theta, Activation sigma, IDenseKernels kernels) =>
        Forward(x, y, theta, sigma, kernels, out _).Loss;

    /// <summary>z = X Wᵀ, Φ = σ(z), r = Φa − y and L = |r|²/n.</summary>
    private static (double[] Phi, double[] Residual, double Loss) Forward(DenseMatrix x, double[] y, NetworkState theta,
        Activation sigma, IDenseKernels kernels, out double[] z)
    {
        var n = x.RowCount;
        var d = x.ColumnCount;
        var m = theta.Width;
        z = new double[n * m];
        kernels.Multiply(false, true, n, m, d, x.Values, theta.Inner.Values, z);
        var phi = new double[n * m];
        for (var k = 0; k < phi.Length; k++) phi[k] = sigma.Value(z[k]);
        var residual = new double[n];
        kernels.MultiplyVector(false, n, m, phi, theta.Outer, residual);
        var loss = 0.0;
        for (var i = 0; i < n; i++)
        {
            residual[i] -= y[i];
            loss += residual[i] * residual[i];
        }
        return (phi, residual, loss / n);
    }
}
