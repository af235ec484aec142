using FlatLab.Activations;

namespace FlatLab.Population;

/// <summary>
/// E[σ₁(w·x) σ₂(v·x)] as a function of c = w·v for unit w, v and x ~ N(0, I), precomputed once
/// per pair of activations so that evaluating it costs one arccos and a few Horner steps.
/// With σ(z) = c₊ relu(z)ᵏ + c₋(−1)ᵏ relu(−z)ᵏ, and (z₁, −z₂) having correlation −c,
///   E = α M_{a,b}(c) + β M_{a,b}(−c),
///   α = c₁₊c₂₊ + (−1)^{a+b} c₁₋c₂₋,  β = (−1)ᵇ c₁₊c₂₋ + (−1)ᵃ c₁₋c₂₊,
/// and M(−c) is M at θ → π − θ (docs/population-loss.md).
/// </summary>
internal sealed class ActivationPairKernel
{
    private readonly double _normalisation;
    private readonly TrigPolynomial _boundary;
    private readonly TrigPolynomial _angle;
    private readonly TrigPolynomial _reflectedAngle;

    public ActivationPairKernel(Activation first, Activation second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var (a, b) = (first.K, second.K);
        var moments = new RectifiedMomentKernel(a, b);
        var alpha = first.CPlus * second.CPlus + Sign(a + b) * first.CMinus * second.CMinus;
        var beta = Sign(b) * first.CPlus * second.CMinus + Sign(a) * first.CMinus * second.CPlus;
        _normalisation = moments.Normalisation;
        _boundary = alpha * moments.Boundary + beta * moments.Boundary.Reflected();
        _angle = alpha * moments.Angle;
        _reflectedAngle = beta * moments.Angle.Reflected();
    }

    /// <summary>The expectation at cosine c, clamped to [−1, 1] (rounding can push a Gram entry past 1).</summary>
    public double Evaluate(double cosine)
    {
        var c = Math.Clamp(cosine, -1.0, 1.0);
        var theta = Math.Acos(c);
        var s = Math.Sqrt((1 - c) * (1 + c));
        return _normalisation * (_boundary.Evaluate(c, s)
                                 + (Math.PI - theta) * _angle.Evaluate(c, s)
                                 + theta * _reflectedAngle.Evaluate(c, s));
    }

    private static double Sign(int power) => power % 2 == 0 ? 1 : -1;
}
