namespace FlatLab.Activations;

/// <summary>
/// A k-homogeneous piecewise polynomial activation (docs/model.md §2, the paper's Assumption 1):
/// σ(z) = c₊ zᵏ for z ≥ 0 and c₋ zᵏ for z &lt; 0, so σ(t z) = tᵏ σ(z) for t &gt; 0.
/// </summary>
public sealed record Activation
{
    public Activation(int k, double cPlus, double cMinus, string? name = null)
    {
        if (k < 1) throw new ArgumentException($"Activation degree k must be an integer >= 1, got {k}.", nameof(k));
        if (!double.IsFinite(cPlus) || !double.IsFinite(cMinus))
            throw new ArgumentException($"Activation coefficients must be finite, got c+ = {cPlus}, c- = {cMinus}.");
        if (cPlus == 0 && cMinus == 0)
            throw new ArgumentException("Activation coefficients c+ and c- are both zero: sigma would vanish identically.");
        K = k;
        CPlus = cPlus;
        CMinus = cMinus;
        Name = name ?? ActivationParser.Format(k, cPlus, cMinus);
    }

    public int K { get; }
    public double CPlus { get; }
    public double CMinus { get; }

    /// <summary>The spelling this activation is parsed from (a preset name or <c>k,c+,c-</c>).</summary>
    public string Name { get; }

    /// <summary>The exponent of the flattest-interpolator problem, p = 2k/(k+1) (docs/model.md §4).</summary>
    public double P => 2.0 * K / (K + 1);

    /// <summary>E σ(z) ≠ 0 for z ~ N(0,1): the paper's theory covers only these (docs/model.md §2).</summary>
    public bool InsideAssumption1 => Math.Abs(GaussianMoments.Mean(this)) > 1e-12 * (Math.Abs(CPlus) + Math.Abs(CMinus));

    public double Value(double z) => z >= 0 ? CPlus * Pow(z, K) : CMinus * Pow(z, K);

    public double Derivative(double z) => z >= 0 ? K * CPlus * Pow(z, K - 1) : K * CMinus * Pow(z, K - 1);

    /// <summary>σ''(z); zero almost everywhere for k = 1 (the kink carries no mass in the trace, docs/model.md §3).</summary>
    public double SecondDerivative(double z)
    {
        if (K == 1) return 0;
        var c = z >= 0 ? CPlus : CMinus;
        return K * (K - 1) * c * Pow(z, K - 2);
    }

    /// <summary>zⁿ by repeated multiplication: exact for the small integer powers used here.</summary>
    internal static double Pow(double z, int n)
    {
        var r = 1.0;
        for (var i = 0; i < n; i++) r *= z;
        return r;
    }

    public override string ToString() => Name;
}
