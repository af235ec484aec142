using System.Globalization;

namespace FlatLab.Activations;

/// <summary>
/// Parses activation names: relu, leaky-relu:ALPHA, abs, quadratic, relu-power:K, linear,
/// odd-power:K, or the general form <c>k,c+,c-</c>.
/// </summary>
public static class ActivationParser
{
    public const string Help =
        "relu, leaky-relu:ALPHA, abs, quadratic, relu-power:K, linear, odd-power:K, or k,c+,c- (for example 2,1,0.5)";

    public static Activation Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim().ToLowerInvariant();
        var (head, arg) = s.Split(':', 2) is [var h, var a] ? (h, a) : (s, null);
        return head switch
        {
            "relu" when arg is null => new Activation(1, 1, 0, "relu"),
            "abs" when arg is null => new Activation(1, 1, -1, "abs"),
            "quadratic" when arg is null => new Activation(2, 1, 1, "quadratic"),
            "linear" when arg is null => new Activation(1, 1, 1, "linear"),
            "leaky-relu" => LeakyRelu(arg, text),
            "relu-power" => new Activation(ParseDegree(arg, text), 1, 0, $"relu-power:{ParseDegree(arg, text)}"),
            "odd-power" => OddPower(ParseDegree(arg, text), text),
            _ when head.Contains(',') && arg is null => General(s, text),
            _ => throw new ArgumentException($"Unknown activation '{text}'; expected {Help}."),
        };
    }

    internal static string Format(int k, double cPlus, double cMinus) =>
        (k, cPlus, cMinus) switch
        {
            (1, 1, 0) => "relu",
            (1, 1, -1) => "abs",
            (2, 1, 1) => "quadratic",
            (1, 1, 1) => "linear",
            (1, 1, _) => $"leaky-relu:{Fmt(cMinus)}",
            (_, 1, 0) => $"relu-power:{k}",
            _ => $"{k},{Fmt(cPlus)},{Fmt(cMinus)}",
        };

    /// <summary>The slope is required: a silent default would change the activation studied without a word.</summary>
    private static Activation LeakyRelu(string? arg, string text)
    {
        if (arg is null)
            throw new ArgumentException(
                $"Activation '{text}' needs its negative-side slope ALPHA: write leaky-relu:ALPHA, for example leaky-relu:0.01.");
        var slope = ParseNumber(arg, text);
        return new Activation(1, 1, slope, $"leaky-relu:{Fmt(slope)}");
    }

    private static Activation OddPower(int k, string text) =>
        k % 2 == 1 ? new Activation(k, 1, 1, $"odd-power:{k}")
                   : throw new ArgumentException($"Activation '{text}': odd-power needs an odd degree, got {k}.");

    private static Activation General(string s, string text)
    {
        var parts = s.Split(',');
        if (parts.Length != 3)
            throw new ArgumentException($"Activation '{text}': the general form is k,c+,c- with three numbers.");
        return new Activation(ParseDegree(parts[0], text), ParseNumber(parts[1], text), ParseNumber(parts[2], text));
    }

    private static int ParseDegree(string? arg, string text)
    {
        if (arg is null || !int.TryParse(arg, NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) || k < 1)
            throw new ArgumentException($"Activation '{text}': the degree must be an integer >= 1, got '{arg}'.");
        return k;
    }

    private static double ParseNumber(string arg, string text)
    {
        if (!double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            throw new ArgumentException($"Activation '{text}': '{arg}' is not a finite number.");
        return v;
    }

    private static string Fmt(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
