namespace FlatLab.Experiments.Specs;

/// <summary>An invalid sweep spec: names the field, the value and why it is rejected.</summary>
public sealed class SpecException(string field, string? value, string why)
    : ArgumentException($"Invalid sweep spec: {field} = {value ?? "(missing)"}: {why}")
{
    public string Field { get; } = field;
}
