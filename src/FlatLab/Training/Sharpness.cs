using FlatLab.Activations;
using FlatLab.LinearAlgebra;
using FlatLab.Randomness;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Training;

/// <summary>
/// λ_max of the Hessian of the training loss (the sharpness that sets the edge of stability 2/λ_max),
/// by power iteration on Hessian–vector products taken as central differences of the gradient.
/// </summary>
public static class Sharpness
{
    /// <summary>The largest (algebraic) eigenvalue of ∇²L at θ. Power iteration converges to the eigenvalue
    /// of largest magnitude μ; away from a minimum the Hessian is indefinite and μ can be negative, and then
    /// a second power iteration on ∇²L − μI (spectrum shifted to ≥ 0) finds λ_max − μ.</summary>
    public static double LargestEigenvalue(DenseMatrix x, double[] y, NetworkState theta, Activation sigma,
        RandomSource random, IDenseKernels kernels, int iterations = 30)
    {
        var dominant = PowerIteration(x, y, theta, sigma, random.Fork("dominant"), kernels, iterations, 0);
        if (dominant >= 0) return dominant;
        return dominant + PowerIteration(x, y, theta, sigma, random.Fork("shifted"), kernels, iterations, dominant);
    }

    /// <summary>The Rayleigh quotient of ∇²L − shift·I after power iteration.</summary>
    private static double PowerIteration(DenseMatrix x, double[] y, NetworkState theta, Activation sigma,
        RandomSource random, IDenseKernels kernels, int iterations, double shift)
    {
        var v = NetworkState.Zero(theta.Width, theta.Dimension);
        v.Map(_ => random.NextGaussian());
        v.Scale(1 / v.Norm());
        var eigenvalue = 0.0;
        var plus = NetworkState.Zero(theta.Width, theta.Dimension);
        var minus = NetworkState.Zero(theta.Width, theta.Dimension);
        var h = 1e-5 * Math.Max(1, theta.Norm());
        for (var it = 0; it < iterations; it++)
        {
            var up = theta.Clone();
            up.Add(v, h);
            var down = theta.Clone();
            down.Add(v, -h);
            NetworkGradient.Compute(x, y, up, sigma, plus, kernels);
            NetworkGradient.Compute(x, y, down, sigma, minus, kernels);
            plus.Add(minus, -1);
            plus.Scale(1 / (2 * h)); // Hv
            if (shift != 0) plus.Add(v, -shift);
            eigenvalue = plus.Dot(v);
            var norm = plus.Norm();
            if (!(norm > 0)) return 0;
            (v, plus) = (plus, v);
            v.Scale(1 / norm);
        }
        return eigenvalue;
    }
}
