using System.Globalization;
using System.Text;

namespace FlatLab.Reporting.Figures;

/// <summary>
/// Tick marks for an axis that shows log10 of the data (ScottPlot draws linear axes, so log axes are
/// the log-transformed data with these ticks). Major ticks at powers of ten labelled 10ᵏ (plain numbers
/// such as 0.01 or 300 when every label of the axis lies in 0.001 … 90000); when the
/// range holds fewer than three of them, also at 2·10ᵏ and 5·10ᵏ, and when those are fewer than four, at every m·10ᵏ (only 1, 2, 4, 6, 8 × 10ᵏ when they are many); minor ticks at the other multiples m·10ᵏ.
/// </summary>
public static class LogTicks
{
    /// <summary>Major (position, label) and minor positions, all in log10 units, inside [low, high].</summary>
    public static (List<(double Position, string Label)> Major, List<double> Minor) Create(double low, double high)
    {
        if (!(high >= low) || !double.IsFinite(low) || !double.IsFinite(high))
            throw new ArgumentException($"Log axis range [{low}, {high}] is not a finite interval.");
        var first = (int)Math.Floor(low) - 1;
        var last = (int)Math.Ceiling(high) + 1;
        var candidates = new List<(double Position, int Mantissa, int Exponent)>();
        for (var k = first; k <= last; k++)
            for (var m = 1; m <= 9; m++)
            {
                var position = k + Math.Log10(m);
                if (position >= low - 1e-9 && position <= high + 1e-9) candidates.Add((position, m, k));
            }

        var decades = candidates.Count(c => c.Mantissa == 1);
        // Enough labels to span the data (two or three 1-2-5 labels can sit at one end of a decade).
        int[] labelled = decades >= 3 ? [1] : candidates.Count(c => c.Mantissa is 1 or 2 or 5) >= 4 ? [1, 2, 5] : [1, 2, 3, 4, 5, 6, 7, 8, 9];
        var step = decades > 7 ? (int)Math.Ceiling(decades / 6.0) : 1; // thin out very wide ranges
        var chosen = candidates.Where(c => labelled.Contains(c.Mantissa) && (c.Mantissa != 1 || c.Exponent % step == 0)).ToList();
        if (chosen.Count > 7) // a narrow range: 1, 2, 4, 6, 8 × 10ᵏ, which reach both ends
            chosen = chosen.Where(c => c.Mantissa is 1 or 2 or 4 or 6 or 8).ToList();
        chosen = Spaced(chosen, (high - low) / 10);
        var plain = chosen.All(c => c.Exponent is >= PlainLow and <= PlainHigh);
        var major = chosen.Select(c => (c.Position, plain ? Plain(c.Mantissa, c.Exponent) : Label(c.Mantissa, c.Exponent))).ToList();
        var minor = candidates.Except(chosen).Select(c => c.Position).ToList();
        return (major, minor);
    }

    /// <summary>Keeps labels at least <paramref name="gap"/> apart (powers of ten first, then 2 and 5 × 10ᵏ,
    /// then the rest), so that neighbours such as 0.9 and 1 do not run into each other.</summary>
    private static List<(double Position, int Mantissa, int Exponent)> Spaced(List<(double Position, int Mantissa, int Exponent)> chosen, double gap)
    {
        var kept = new List<(double Position, int Mantissa, int Exponent)>();
        foreach (var c in chosen.OrderBy(c => c.Mantissa switch { 1 => 0, 2 => 1, 5 => 2, _ => 3 }).ThenBy(c => c.Position))
            if (kept.All(k => Math.Abs(k.Position - c.Position) >= gap - 1e-12)) kept.Add(c);
        return kept.OrderBy(c => c.Position).ToList();
    }

    /// <summary>Exponents whose labels are written as plain numbers (0.001 … 90000) when all labels of an axis fit.</summary>
    private const int PlainLow = -3, PlainHigh = 4;

    private static string Plain(int mantissa, int exponent) =>
        (mantissa * Math.Pow(10, exponent)).ToString("0.#########", CultureInfo.InvariantCulture);

    /// <summary>"10⁻³", or "2×10⁻³".</summary>
    public static string Label(int mantissa, int exponent)
    {
        var power = "10" + Superscript(exponent);
        return mantissa == 1 ? power : $"{mantissa}×{power}";
    }

    private static string Superscript(int value)
    {
        const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        var text = new StringBuilder();
        if (value < 0) text.Append('⁻');
        foreach (var c in Math.Abs(value).ToString(CultureInfo.InvariantCulture)) text.Append(digits[c - '0']);
        return text.ToString();
    }

    /// <summary>A ScottPlot tick generator with <see cref="Create"/>'s ticks, for an axis of log10 values.</summary>
    internal static ScottPlot.TickGenerators.NumericManual Generator(double low, double high)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var (major, minor) = Create(low, high);
        foreach (var (position, label) in major) ticks.AddMajor(position, label);
        foreach (var position in minor) ticks.AddMinor(position);
        return ticks;
    }
}
