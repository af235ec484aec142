using FlatLab.Activations;
using FlatLab.LinearAlgebra;
using FlatLab.Randomness;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Training;

/// <summary>
/// λ_max of the Hessian of the training loss (the sharpness that sets the edge of stability 2/λ_max), by the
/// Lanczos iteration on exact Hessian–vector products, stopped by a residual test (docs/optimizers.md §4).
/// </summary>
public static class Sharpness
{
    /// <summary>Lanczos steps allowed by default (fewer when the Hessian is smaller).</summary>
    public const int DefaultMaxIterations = 500;

    /// <summary>The default relative residual: converged when ‖H̃y − λy‖ ≤ tolerance · |λ|.</summary>
    public const double DefaultTolerance = 1e-6;

    /// <summary>The largest (algebraic) eigenvalue of ∇²L_S at θ for the standard parameterisation.</summary>
    public static SharpnessResult Compute(DenseMatrix x, double[] y, NetworkState theta, Activation sigma,
        RandomSource random, IDenseKernels kernels, int maxIterations = DefaultMaxIterations, double tolerance = DefaultTolerance) =>
        Compute(x, y, theta, new TrainingObjective(sigma, 1, 1, kernels), random, maxIterations, tolerance);

    /// <summary>
    /// λ_max of the Hessian of the objective in the coordinates the optimizer steps in (θ̃ of
    /// <see cref="TrainingObjective"/>; the network itself for the standard parameterisation). Lanczos from a
    /// Gaussian start drawn from <paramref name="random"/>, fully reorthogonalised; the largest eigenvalue of the
    /// tridiagonal T_k is the estimate, and its residual β_k |s_k| is checked every few steps. When that bound
    /// passes, the residual ‖H̃y − λy‖ of the Ritz vector y is measured with one more product and decides.
    /// Unlike power iteration this finds the largest algebraic eigenvalue of an indefinite Hessian directly,
    /// however the magnitudes of the extreme eigenvalues compare.
    /// </summary>
    internal static SharpnessResult Compute(DenseMatrix x, double[] y, NetworkState theta, TrainingObjective objective,
        RandomSource random, int maxIterations = DefaultMaxIterations, double tolerance = DefaultTolerance)
    {
        if (maxIterations < 1) throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "The Lanczos step limit must be at least 1.");
        if (!(tolerance > 0 && tolerance < 1)) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "The relative residual tolerance must lie in (0, 1).");
        var (m, d) = (theta.Width, theta.Dimension);
        var size = m * (d + 1);
        var limit = Math.Min(maxIterations, size);
        var basis = new List<NetworkState>();
        var alpha = new List<double>();
        var beta = new List<double>();
        var q = NetworkState.Zero(m, d);
        q.Map(_ => random.NextGaussian());
        q.Scale(1 / q.Norm());
        var residual = double.NaN;
        var nextCheck = Math.Min(5, limit);
        for (var k = 1; k <= limit; k++)
        {
            basis.Add(q);
            var w = NetworkState.Zero(m, d);
            objective.HessianVector(x, y, theta, q, w);
            if (!w.IsFinite()) return new SharpnessResult(double.NaN, SharpnessStatus.NonFinite, k, residual);
            alpha.Add(q.Dot(w));
            // Full reorthogonalisation, twice (classical Gram–Schmidt): keeps the Ritz values free of ghost copies.
            for (var pass = 0; pass < 2; pass++)
                foreach (var b in basis)
                    w.Add(b, -b.Dot(w));
            var norm = w.Norm();
            var scale = alpha.Max(Math.Abs) + (beta.Count > 0 ? beta.Max() : 0);
            var exhausted = !(norm > 1e-12 * scale) || k == size;
            if (k == nextCheck || k == limit || exhausted)
            {
                var (lambda, ritz, bound) = LargestRitzPair(alpha, beta, norm);
                residual = bound / Math.Abs(lambda);
                if (residual <= tolerance || exhausted)
                {
                    // The bound holds in exact arithmetic; the measured residual decides.
                    var vector = NetworkState.Zero(m, d);
                    for (var i = 0; i < basis.Count; i++) vector.Add(basis[i], ritz[i]);
                    vector.Scale(1 / vector.Norm());
                    var product = NetworkState.Zero(m, d);
                    objective.HessianVector(x, y, theta, vector, product);
                    product.Add(vector, -lambda);
                    residual = product.Norm() / Math.Abs(lambda);
                    if (residual <= tolerance) return new SharpnessResult(lambda, SharpnessStatus.Converged, k, residual);
                }
                if (exhausted) break;
                nextCheck = Math.Min(limit, Math.Max(k + 5, (int)Math.Ceiling(1.1 * k)));
            }
            beta.Add(norm);
            w.Scale(1 / norm);
            q = w;
        }
        return new SharpnessResult(double.NaN, SharpnessStatus.IterationLimit, basis.Count, residual);
    }

    /// <summary>The largest eigenvalue of the tridiagonal T_k (diagonal α, off-diagonal β), its eigenvector s and the
    /// residual bound β_k |s_k| of the Ritz pair it gives.</summary>
    private static (double Lambda, double[] Vector, double Bound) LargestRitzPair(List<double> alpha, List<double> beta, double next)
    {
        var k = alpha.Count;
        var t = Matrix<double>.Build.Dense(k, k);
        for (var i = 0; i < k; i++)
        {
            t[i, i] = alpha[i];
            if (i + 1 < k) t[i, i + 1] = t[i + 1, i] = beta[i];
        }
        var evd = t.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues;
        var top = 0;
        for (var i = 1; i < k; i++)
            if (values[i].Real > values[top].Real) top = i;
        var vector = evd.EigenVectors.Column(top).ToArray();
        return (values[top].Real, vector, next * Math.Abs(vector[k - 1]));
    }
}
