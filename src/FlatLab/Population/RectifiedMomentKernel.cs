namespace FlatLab.Population;

/// <summary>
/// M_{a,b}(c) = E[relu(z₁)ᵃ relu(z₂)ᵇ] for standard normals with correlation c = cos θ, in closed
/// form for any integer degrees a, b ≥ 0 (equal or not). In polar coordinates,
/// M = E[rᵃ⁺ᵇ]/(2π) ∫_{θ−π/2}^{π/2} cosᵃφ cosᵇ(φ−θ) dφ with E[rⁿ] = 2^{n/2} Γ(1 + n/2), and the
/// angular integral of a trigonometric monomial reduces to boundary terms plus a multiple of the
/// interval length π − θ. So M = N (P(c, s) + (π − θ) Q(c, s)) with polynomials P, Q in c and
/// s = sin θ. For a = b = k this is J_k(θ)/(2π) (Cho and Saul 2009; docs/model.md §7).
/// </summary>
internal sealed class RectifiedMomentKernel
{
    public RectifiedMomentKernel(int a, int b)
    {
        if (a < 0 || b < 0) throw new ArgumentException($"Degrees must be >= 0, got a = {a}, b = {b}.");
        A = a;
        B = b;
        Normalisation = RadialMoment(a + b) / (2 * Math.PI);
        var boundary = TrigPolynomial.Zero;
        var angle = TrigPolynomial.Zero;
        // cosᵇ(φ − θ) = Σ_i C(b, i) cⁱ s^{b−i} cos^i φ sin^{b−i} φ.
        for (var i = 0; i <= b; i++)
        {
            var weight = Binomial(b, i) * TrigPolynomial.Monomial(i, b - i);
            var (terms, phi) = DefiniteIntegral(a + i, b - i);
            boundary = boundary + weight * terms;
            angle = angle + phi * weight;
        }
        Boundary = boundary;
        Angle = angle;
    }

    public int A { get; }
    public int B { get; }

    /// <summary>E[r^{a+b}]/(2π) for r the radius of a standard 2-D Gaussian.</summary>
    public double Normalisation { get; }

    /// <summary>P(c, s): the boundary terms of the angular integral.</summary>
    public TrigPolynomial Boundary { get; }

    /// <summary>Q(c, s): the coefficient of the interval length π − θ.</summary>
    public TrigPolynomial Angle { get; }

    /// <summary>M_{a,b} at angle θ ∈ [0, π].</summary>
    public double ValueAtAngle(double theta)
    {
        var c = Math.Cos(theta);
        var s = Math.Sin(theta);
        return Normalisation * (Boundary.Evaluate(c, s) + (Math.PI - theta) * Angle.Evaluate(c, s));
    }

    /// <summary>E[r^n] = 2^{n/2} Γ(1 + n/2) for a chi distribution with two degrees of freedom.</summary>
    internal static double RadialMoment(int n)
    {
        // Γ(1 + n/2) by the recurrence from Γ(1) = 1 or Γ(1/2) = √π.
        var gamma = n % 2 == 0 ? 1.0 : Math.Sqrt(Math.PI);
        for (var x = n % 2 == 0 ? 1.0 : 0.5; x < 1 + n / 2.0 - 1e-9; x += 1) gamma *= x;
        return Math.Pow(2, n / 2.0) * gamma;
    }

    /// <summary>∫_{θ−π/2}^{π/2} cosᵖφ sin^q φ dφ as P(c, s) + (π − θ)·constant.
    /// At φ = π/2: (cos, sin) = (0, 1); at φ = θ − π/2: (cos, sin) = (s, −c).</summary>
    private static (TrigPolynomial Terms, double Phi) DefiniteIntegral(int p, int q)
    {
        var monomials = new List<(double Coefficient, int Cos, int Sin)>();
        var phi = Antiderivative(p, q, 1.0, monomials);
        var terms = TrigPolynomial.Zero;
        foreach (var (coefficient, u, v) in monomials)
        {
            var upper = u == 0 ? 1.0 : 0.0;
            var lower = (v % 2 == 0 ? 1.0 : -1.0) * TrigPolynomial.Monomial(v, u);
            terms = terms + TrigPolynomial.Constant(coefficient * upper) + (-coefficient) * lower;
        }
        return (terms, phi);
    }

    /// <summary>Adds scale·∫cosᵖ sin^q as monomials cosᵘ sinᵛ and returns the coefficient of φ, by
    /// ∫cosᵖ sin^q = −cos^{p+1} sin^{q−1}/(p+q) + (q−1)/(p+q) ∫cosᵖ sin^{q−2} (q ≥ 2),
    /// ∫cosᵖ sin = −cos^{p+1}/(p+1), ∫cosᵖ = cos^{p−1} sin/p + (p−1)/p ∫cos^{p−2}, ∫cos = sin, ∫1 = φ.</summary>
    private static double Antiderivative(int p, int q, double scale, List<(double, int, int)> monomials)
    {
        if (q >= 2)
        {
            monomials.Add((-scale / (p + q), p + 1, q - 1));
            return Antiderivative(p, q - 2, scale * (q - 1) / (p + q), monomials);
        }
        if (q == 1)
        {
            monomials.Add((-scale / (p + 1), p + 1, 0));
            return 0;
        }
        if (p >= 2)
        {
            monomials.Add((scale / p, p - 1, 1));
            return Antiderivative(p - 2, 0, scale * (p - 1) / p, monomials);
        }
        if (p == 1)
        {
            monomials.Add((scale, 0, 1));
            return 0;
        }
        return scale;
    }

    private static double Binomial(int n, int k)
    {
        var r = 1.0;
        for (var i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return r;
    }
}
