using FlatLab.Activations;

namespace FlatLab.Networks;

/// <summary>
/// Per-sample expectations of the neuron statistics S_j and T_j (docs/model.md §4) for a unit-norm direction w
/// and Gaussian data x ~ N(0, I_d), the centres the paper's Lemma 1 / Lemma 4 concentrate them around
/// (derivation in docs/theory.md §1.3):
/// E[S_j]/n = E σ(z)², E[T_j]/n = E[σ'(z)² ‖x‖²] = E[σ'(z)² z²] + (d − 1) E σ'(z)², z ~ N(0, 1).
/// </summary>
public static class FeatureExpectations
{
    /// <summary>E σ(z)² = (c₊² + c₋²) E[relu(z)^{2k}]: the per-sample mean of S_j.</summary>
    public static double PerSampleS(Activation sigma)
    {
        ArgumentNullException.ThrowIfNull(sigma);
        return GaussianMoments.SecondMoment(sigma);
    }

    /// <summary>
    /// E[σ'(z)² z²] = k² (c₊² + c₋²) E[relu(z)^{2k}] = k² E σ(z)²: Euler's identity z σ'(z) = k σ(z) for a
    /// k-homogeneous σ makes σ'(z)² z² = k² σ(z)² pointwise.
    /// </summary>
    public static double DerivativeSquaredTimesSquare(Activation sigma)
    {
        ArgumentNullException.ThrowIfNull(sigma);
        return (double)sigma.K * sigma.K * (sigma.CPlus * sigma.CPlus + sigma.CMinus * sigma.CMinus)
               * GaussianMoments.HalfAbsoluteMoment(2 * sigma.K);
    }

    /// <summary>
    /// E[σ'(w·x)² ‖x‖²] for unit w and x ~ N(0, I_d): split x = z w + x_⊥ with z = w·x independent of
    /// x_⊥ and E‖x_⊥‖² = d − 1, so the mean is E[σ'(z)² z²] + (d − 1) E σ'(z)². The per-sample mean of T_j.
    /// </summary>
    public static double PerSampleT(Activation sigma, int dimension)
    {
        ArgumentNullException.ThrowIfNull(sigma);
        if (dimension < 1) throw new ArgumentException($"The dimension d must be >= 1, got {dimension}.", nameof(dimension));
        return DerivativeSquaredTimesSquare(sigma) + (dimension - 1) * GaussianMoments.DerivativeSecondMoment(sigma);
    }
}
