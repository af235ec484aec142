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

    /// <summary>A memory size: bytes, or a number with K, M, G or T (powers of 1024), e.g. "3G", "512M".</summary>
    public static long Bytes(string text, string option)
    {
        var t = text.Trim().ToUpperInvariant().TrimEnd('B').TrimEnd('I');
        var scale = t.Length > 0 ? t[^1] switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, 'T' => 1L << 40, _ => 1L } : 1L;
        if (scale > 1) t = t[..^1];
        if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !(v > 0) || v * scale > long.MaxValue / 2)
            throw new InputException($"{option}: '{text}' is not a memory size; write bytes or a number with K, M, G or T (e.g. 3G).");
        return (long)(v * scale);
    }

    /// <summary>Refuses, before any large allocation, a solve of n × m features whose estimated peak
    /// exceeds the memory this process may use (FlatLab.Solvers.SolveMemory).</summary>
    public static void CheckMemory(int n, int m, int d, long? maxMemory, string what)
    {
        if (FlatLab.Solvers.SolveMemory.Limit(maxMemory) is not { } limit) return;
        var peak = FlatLab.Solvers.SolveMemory.PeakBytes(n, m, d);
        if (peak > limit.Bytes)
            throw new InputException(
                $"{what} (n = {n}, m = {m}, d = {d}) needs about {FlatLab.Solvers.SolveMemory.Format(peak)} at its peak, " +
                $"more than {limit.Source} of {FlatLab.Solvers.SolveMemory.Format(limit.Bytes)}; use smaller n or m, or a machine with more memory.");
    }

    /// <summary>The spec's bootstrap settings with those given on the command line; a value out of range names its option.</summary>
    public static Experiments.Specs.StatisticsSpec Statistics(Experiments.Specs.StatisticsSpec spec, int? resamples, double? level, ulong? seed)
    {
        var result = spec with
        {
            Resamples = resamples ?? spec.Resamples, Level = level ?? spec.Level, Seed = seed ?? spec.Seed,
        };
        try
        {
            result.ToSettings(0).Validate();
        }
        catch (ArgumentException e)
        {
            var option = e.ParamName switch { "Resamples" => "--resamples", "Level" => "--level", _ => "statistics" };
            var why = e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
            throw new InputException($"{option}: {why}");
        }
        return result;
    }
}
