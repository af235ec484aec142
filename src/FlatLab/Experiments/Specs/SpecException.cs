using System.Globalization;
using System.Text.Json;

namespace FlatLab.Experiments.Specs;

/// <summary>An invalid sweep spec: names the field, the value and why it is rejected.</summary>
public sealed class SpecException(string field, string? value, string why)
    : ArgumentException($"Invalid sweep spec: {field} = {value ?? "(missing)"}: {why}")
{
    public string Field { get; } = field;

    /// <summary>
    /// The error of a settings record (<c>SolverSettings</c>, <c>TrainingSpec</c>) whose checks a spec
    /// reuses: the exception's parameter names the property, which the spec file spells in snake_case.
    /// </summary>
    internal static SpecException FromSettings(string field, object spec, ArgumentException e)
    {
        var property = e.ParamName is { } name ? spec.GetType().GetProperty(name) : null;
        if (property is null) return new SpecException(field, null, e.Message);
        var value = Convert.ToString(property.GetValue(spec), CultureInfo.InvariantCulture);
        var why = e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
        return new SpecException($"{field}.{JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name)}", value, why);
    }
}
