using FlatLab.Activations;

namespace FlatLab.Population;

/// <summary>Gaussian expectations of products of homogeneous activations (docs/model.md §7).</summary>
public static class GaussianKernels
{
    /// <summary>
    /// E[σ₁(w·x) σ₂(v·x)] for unit vectors w, v with cosine c = w·v and x ~ N(0, I), in closed form
    /// for any two activations (equal or different degrees). Cosines within 1e−9 outside [−1, 1]
    /// are clamped (rounding); others are an input error.
    /// </summary>
    public static double Expectation(Activation s1, Activation s2, double cosine)
    {
        CheckCosine(cosine);
        return new ActivationPairKernel(s1, s2).Evaluate(cosine);
    }

    /// <summary>
    /// The arc-cosine kernel J_k(θ) of Cho and Saul (2009), θ ∈ [0, π], so that
    /// E[relu(w·x)ᵏ relu(v·x)ᵏ] = J_k(θ)/(2π). k = 0, 1, 2 by their textbook forms; larger k by the
    /// exact angular integral J_k = 2ᵏ k! ∫_{θ−π/2}^{π/2} cosᵏφ cosᵏ(φ−θ) dφ.
    /// </summary>
    public static double ArcCosine(int k, double theta)
    {
        if (k < 0) throw new ArgumentException($"The arc-cosine kernel degree must be >= 0, got {k}.", nameof(k));
        if (!(theta >= 0 && theta <= Math.PI))
            throw new ArgumentException($"The angle must lie in [0, pi], got {theta}.", nameof(theta));
        var (s, c) = Math.SinCos(theta);
        return k switch
        {
            0 => Math.PI - theta,
            1 => s + (Math.PI - theta) * c,
            2 => 3 * s * c + (Math.PI - theta) * (1 + 2 * c * c),
            _ => 2 * Math.PI * new RectifiedMomentKernel(k, k).ValueAtAngle(theta),
        };
    }

    internal static void CheckCosine(double cosine)
    {
        if (!(Math.Abs(cosine) <= 1 + 1e-9))
            throw new ArgumentException($"A cosine must lie in [-1, 1], got {cosine}.", nameof(cosine));
    }
}
