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

    /// <summary>
    /// The Hessian of L at θ applied to u = (δa, δW), exactly (docs/optimizers.md §4), written into <paramref name="result"/>:
    /// with p_ij = δw_j·x_i and δf_i = Σ_j δa_j σ(z_ij) + a_j σ'(z_ij) p_ij (the change of f along u),
    ///   (Hu)_a_j = (2/n) Σ_i [σ(z_ij) δf_i + r_i σ'(z_ij) p_ij],
    ///   (Hu)_w_j = (2/n) Σ_i [σ'(z_ij) (a_j δf_i + δa_j r_i) + a_j σ''(z_ij) p_ij r_i] x_i,
    /// the Gauss–Newton part and the residual part. For k = 1 σ'' is 0 (the kinks carry no curvature, as in
    /// automatic differentiation), so the product is that of the smooth piece θ lies in.
    /// </summary>
    internal static void HessianVector(DenseMatrix x, double[] y, NetworkState theta, Activation sigma, NetworkState u,
        NetworkState result, IDenseKernels kernels)
    {
        var n = x.RowCount;
        var d = x.ColumnCount;
        var m = theta.Width;
        var (phi, residual, _) = Forward(x, y, theta, sigma, kernels, out var z);
        var p = new double[n * m];
        kernels.Multiply(false, true, n, m, d, x.Values, u.Inner.Values, p);
        var slope = new double[n * m];
        var q = new double[n * m];
        for (var k = 0; k < q.Length; k++)
        {
            slope[k] = sigma.Derivative(z[k]);
            q[k] = slope[k] * p[k];
        }
        var change = new double[n];
        var part = new double[n];
        kernels.MultiplyVector(false, n, m, phi, u.Outer, change);
        kernels.MultiplyVector(false, n, m, q, theta.Outer, part);
        for (var i = 0; i < n; i++) change[i] += part[i];

        var cross = new double[m];
        kernels.MultiplyVector(true, n, m, phi, change, result.Outer);
        kernels.MultiplyVector(true, n, m, q, residual, cross);
        for (var j = 0; j < m; j++) result.Outer[j] = 2.0 / n * (result.Outer[j] + cross[j]);

        // q becomes the weights of (Hu)_w_j = (2/n) Σ_i q_ij x_i.
        var curved = sigma.K != 1;
        for (var j = 0; j < m; j++)
        {
            var (a, da) = (theta.Outer[j], u.Outer[j]);
            for (var i = 0; i < n; i++)
            {
                var k = i + j * n;
                var w = slope[k] * (a * change[i] + da * residual[i]);
                if (curved) w += a * sigma.SecondDerivative(z[k]) * p[k] * residual[i];
                q[k] = w;
            }
        }
        kernels.Multiply(true, false, m, d, n, q, x.Values, result.Inner.Values);
        var hw = result.Inner.Values;
        for (var i = 0; i < hw.Length; i++) hw[i] *= 2.0 / n;
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
