namespace FlatLab.Tests.Population;

/// <summary>
/// docs/model.md §7's general formula J_k(θ) = (−1)ᵏ (sin θ)^{2k+1} ((1/sin θ) ∂/∂θ)ᵏ ((π − θ)/sin θ),
/// differentiated symbolically: a sum of terms coef·(π − θ)ᵉ sinᵖθ cos^qθ.
/// </summary>
internal static class ArcCosineDerivativeFormula
{
    public static double Evaluate(int k, double theta)
    {
        var terms = new Dictionary<(int E, int P, int Q), double> { [(1, -1, 0)] = 1 };
        for (var step = 0; step < k; step++)
        {
            var next = new Dictionary<(int, int, int), double>();
            foreach (var ((e, p, q), coef) in terms)
            {
                // d/dθ, then divide by sin θ (p − 1).
                if (e > 0) Add(next, (e - 1, p - 1, q), -e * coef);
                if (p != 0) Add(next, (e, p - 2, q + 1), p * coef);
                if (q > 0) Add(next, (e, p, q - 1), -q * coef);
            }
            terms = next;
        }
        var (s, c) = Math.SinCos(theta);
        var sum = 0.0;
        foreach (var ((e, p, q), coef) in terms)
            sum += coef * Math.Pow(Math.PI - theta, e) * Math.Pow(s, p + 2 * k + 1) * Math.Pow(c, q);
        return (k % 2 == 0 ? 1 : -1) * sum;
    }

    private static void Add(Dictionary<(int, int, int), double> terms, (int, int, int) key, double value) =>
        terms[key] = terms.GetValueOrDefault(key) + value;
}
