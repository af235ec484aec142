namespace FlatLab.Activations;

/// <summary>Moments of an activation at a standard Gaussian z ~ N(0, 1), in closed form.</summary>
public static class GaussianMoments
{
    /// <summary>E[relu(z)ⁿ] = 2^{n/2−1} Γ((n+1)/2) / √π  (half of E|z|ⁿ).</summary>
    public static double HalfAbsoluteMoment(int n)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "Moment order must be non-negative.");
        if (n == 0) return 0.5;
        // E|z|^n = (n−1)!! · (√(2/π) if n odd, 1 if n even).
        var doubleFactorial = 1.0;
        for (var i = n - 1; i > 1; i -= 2) doubleFactorial *= i;
        var abs = n % 2 == 1 ? doubleFactorial * Math.Sqrt(2 / Math.PI) : doubleFactorial;
        return abs / 2;
    }

    /// <summary>E σ(z) = (c₊ + (−1)ᵏ c₋) E[relu(z)ᵏ].</summary>
    public static double Mean(Activation s) =>
        (s.CPlus + Sign(s.K) * s.CMinus) * HalfAbsoluteMoment(s.K);

    /// <summary>E σ(z)² = (c₊² + c₋²) E[relu(z)^{2k}].</summary>
    public static double SecondMoment(Activation s) =>
        (s.CPlus * s.CPlus + s.CMinus * s.CMinus) * HalfAbsoluteMoment(2 * s.K);

    /// <summary>E σ'(z) = k (c₊ + (−1)^{k−1} c₋) E[relu(z)^{k−1}].</summary>
    public static double DerivativeMean(Activation s) =>
        s.K * (s.CPlus + Sign(s.K - 1) * s.CMinus) * HalfAbsoluteMoment(s.K - 1);

    /// <summary>E σ'(z)² = k² (c₊² + c₋²) E[relu(z)^{2k−2}].</summary>
    public static double DerivativeSecondMoment(Activation s) =>
        s.K * s.K * (s.CPlus * s.CPlus + s.CMinus * s.CMinus) * HalfAbsoluteMoment(2 * s.K - 2);

    private static double Sign(int power) => power % 2 == 0 ? 1 : -1;
}
