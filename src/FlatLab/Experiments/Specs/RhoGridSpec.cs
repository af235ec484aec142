using System.Globalization;

namespace FlatLab.Experiments.Specs;

/// <summary>The correlations ρ to sweep: <see cref="Count"/> log-spaced values in [Min, Max], or an explicit list.</summary>
public sealed record RhoGridSpec
{
    public double Min { get; init; } = 0.05;
    public double Max { get; init; } = 1.0;
    public int Count { get; init; } = 10;
    /// <summary>When given, these values are used instead of the log-spaced grid.</summary>
    public double[]? Values { get; init; }

    public double[] Expand()
    {
        if (Values is { Length: > 0 }) return Values;
        if (Count == 1) return [Max];
        return Enumerable.Range(0, Count)
            .Select(i => Math.Exp(Math.Log(Min) + (Math.Log(Max) - Math.Log(Min)) * i / (Count - 1)))
            .ToArray();
    }

    public void Validate(string field)
    {
        if (Values is { Length: > 0 })
        {
            for (var i = 0; i < Values.Length; i++)
                if (!(Values[i] >= 0 && Values[i] <= 1))
                    throw new SpecException($"{field}.values[{i}]", Fmt(Values[i]), "a correlation must lie in [0, 1]");
            if (Values.Distinct().Count() != Values.Length)
                throw new SpecException($"{field}.values", string.Join(",", Values.Select(Fmt)), "values must be distinct");
            return;
        }
        if (!(Min > 0 && Min <= 1)) throw new SpecException($"{field}.min", Fmt(Min), "must lie in (0, 1] for a log-spaced grid");
        if (!(Max >= Min && Max <= 1)) throw new SpecException($"{field}.max", Fmt(Max), $"must lie in [min = {Fmt(Min)}, 1]");
        if (Count < 1 || Count > 1000) throw new SpecException($"{field}.count", Count.ToString(CultureInfo.InvariantCulture), "must lie in [1, 1000]");
        if (Count > 1 && Max == Min) throw new SpecException($"{field}.max", Fmt(Max), "equals min but count > 1");
    }

    private static string Fmt(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
