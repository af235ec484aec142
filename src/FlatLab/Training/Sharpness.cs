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
    /// a second power iteration on ∇²L − μI (spectrum shifted to ≥ 0) finds λ_max − μ. When the extreme
    /// eigenvalues have nearly opposite values (as at a mean-field start, where the a–W cross terms dominate)
    /// the iterate does not settle: its Rayleigh quotient stays well inside ±‖∇²L v‖, and the shift is then
    /// −‖∇²L v‖, an estimate of the spectral radius.</summary>
    public static double LargestEigenvalue(DenseMatrix x, double[] y, NetworkState theta, Activation sigma,
        RandomSource random, IDenseKernels kernels, int iterations = 30) =>
        LargestEigenvalue(x, y, theta, new TrainingObjective(sigma, 1, 1, kernels), random, iterations);

    /// <summary>λ_max of the Hessian of the objective in the coordinates the optimizer steps in (θ̃ of
    /// <see cref="TrainingObjective"/>; the network itself for the standard parameterisation).</summary>
    internal static double LargestEigenvalue(DenseMatrix x, double[] y, NetworkState theta, TrainingObjective objective,
        RandomSource random, int iterations = 30)
    {
        var (dominant, radius) = PowerIteration(x, y, theta, objective, random.Fork("dominant"), iterations, 0);
        if (dominant >= Settled * radius) return dominant;
        var shift = dominant <= -Settled * radius ? dominant : -radius;
        return shift + PowerIteration(x, y, theta, objective, random.Fork("shifted"), iterations, shift).Rayleigh;
    }

    /// <summary>|vᵀHv| / ‖Hv‖ above which the iterate counts as settled on one eigenvalue.</summary>
    private const double Settled = 0.9;

    /// <summary>The Rayleigh quotient of ∇²L − shift·I after power iteration, and ‖(∇²L − shift·I) v‖ at the last iterate.</summary>
    private static (double Rayleigh, double Norm) PowerIteration(DenseMatrix x, double[] y, NetworkState theta, TrainingObjective objective,
        RandomSource random, int iterations, double shift)
    {
        var v = NetworkState.Zero(theta.Width, theta.Dimension);
        v.Map(_ => random.NextGaussian());
        v.Scale(1 / v.Norm());
        var eigenvalue = 0.0;
        var last = 0.0;
        var plus = NetworkState.Zero(theta.Width, theta.Dimension);
        var minus = NetworkState.Zero(theta.Width, theta.Dimension);
        var h = 1e-5 * Math.Max(1, theta.Norm());
        for (var it = 0; it < iterations; it++)
        {
            var up = theta.Clone();
            up.Add(v, h);
            var down = theta.Clone();
            down.Add(v, -h);
            objective.Compute(x, y, up, plus);
            objective.Compute(x, y, down, minus);
            plus.Add(minus, -1);
            plus.Scale(1 / (2 * h)); // Hv
            if (shift != 0) plus.Add(v, -shift);
            eigenvalue = plus.Dot(v);
            var norm = plus.Norm();
            if (!(norm > 0)) return (0, 0);
            last = norm;
            (v, plus) = (plus, v);
            v.Scale(1 / norm);
        }
        return (eigenvalue, last);
    }
}
