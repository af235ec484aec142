using System.Globalization;

namespace FlatLab.Experiments.Specs;

/// <summary>
/// The correlations ρ to sweep: <see cref="Count"/> values in [Min, Max], log-spaced in ρ or in 1 − ρ, or an
/// explicit list. ρ = 1 is never allowed: every neuron is then ±u for a single-index model and nothing interpolates.
/// </summary>
public sealed record RhoGridSpec
{
    public double Min { get; init; } = 0.05;
    public double Max { get; init; } = 0.95;
    public int Count { get; init; } = 10;
    /// <summary>Log-spaced in ρ (dense toward 0) or in 1 − ρ (dense toward 1).</summary>
    public RhoSpacing Spacing { get; init; } = RhoSpacing.Log;
    /// <summary>When given, these values are used instead of the spaced grid.</summary>
    public double[]? Values { get; init; }

    public double[] Expand()
    {
        if (Values is { Length: > 0 }) return Values;
        if (Count == 1) return [Max];
        return Spacing == RhoSpacing.LogOneMinus
            // The ends exactly as written (1 − (1 − min) rounds away from min).
            ? Enumerable.Range(0, Count).Select(i => i == 0 ? Min : i == Count - 1 ? Max : 1 - Between(1 - Min, 1 - Max, i)).ToArray()
            : Enumerable.Range(0, Count).Select(i => Between(Min, Max, i)).ToArray();
    }

    /// <summary>Point i of <see cref="Count"/> log-spaced from a to b.</summary>
    private double Between(double a, double b, int i) => Math.Exp(Math.Log(a) + (Math.Log(b) - Math.Log(a)) * i / (Count - 1));

    public void Validate(string field)
    {
        const string one = "ρ = 1 is degenerate (for a single-index model every neuron is ±u and nothing interpolates); the largest usable correlation is below 1, e.g. 0.99";
        if (Values is { Length: > 0 })
        {
            for (var i = 0; i < Values.Length; i++)
            {
                if (Values[i] == 1) throw new SpecException($"{field}.values[{i}]", Fmt(Values[i]), one);
                if (!(Values[i] >= 0 && Values[i] < 1))
                    throw new SpecException($"{field}.values[{i}]", Fmt(Values[i]), "a correlation must lie in [0, 1)");
            }
            if (Values.Distinct().Count() != Values.Length)
                throw new SpecException($"{field}.values", string.Join(",", Values.Select(Fmt)), "values must be distinct");
            return;
        }
        var lowest = Spacing == RhoSpacing.Log ? "(0" : "[0";
        if (!(Spacing == RhoSpacing.Log ? Min > 0 && Min < 1 : Min >= 0 && Min < 1))
            throw new SpecException($"{field}.min", Fmt(Min), $"must lie in {lowest}, 1) for a grid spaced {SpecSpellings.Name(SpecSpellings.Spacing, Spacing)}");
        if (Max == 1) throw new SpecException($"{field}.max", Fmt(Max), one);
        if (!(Max >= Min && Max < 1)) throw new SpecException($"{field}.max", Fmt(Max), $"must lie in [min = {Fmt(Min)}, 1)");
        if (Count < 1 || Count > 1000) throw new SpecException($"{field}.count", Count.ToString(CultureInfo.InvariantCulture), "must lie in [1, 1000]");
        if (Count > 1 && Max == Min) throw new SpecException($"{field}.max", Fmt(Max), "equals min but count > 1");
    }

    private static string Fmt(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
