using System.Globalization;
using FlatLab.Activations;
using FlatLab.Data;

namespace FlatLab.Cli.Commands;

/// <summary>Parsing shared by the commands' settings; every failure names the option.</summary>
internal static class OptionParsing
{
    public static string Required(string? value, string option) =>
        string.IsNullOrWhiteSpace(value) ? throw new InputException($"{option} is required.") : value;

    public static Activation Activation(string text, string option)
    {
        try { return ActivationParser.Parse(text); }
        catch (ArgumentException e) { throw new InputException($"{option}: {e.Message}"); }
    }

    public static LinkKind Link(string text, string option)
    {
        try { return LinkKindNames.Parse(text); }
        catch (ArgumentException e) { throw new InputException($"{option}: {e.Message}"); }
    }

    public static Solve.ArrayFormat ArrayFormat(string text, string option) => text.Trim().ToLowerInvariant() switch
    {
        "csv" => Solve.ArrayFormat.Csv,
        "npy" => Solve.ArrayFormat.Npy,
        _ => throw new InputException($"{option}: unknown value '{text}'; expected csv or npy."),
    };

    /// <summary>A comma-separated list of finite numbers, e.g. "0.5,0.25,1e-3".</summary>
    public static double[] Numbers(string text, string option)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i]))
                throw new InputException($"{option}: value {i + 1} '{parts[i]}' is not a finite number.");
        }
        return values;
    }

    public static double NonNegative(double value, string option) =>
        value >= 0 && double.IsFinite(value) ? value
            : throw new InputException($"{option} must be a finite number >= 0, got {value.ToString(CultureInfo.InvariantCulture)}.");
}
