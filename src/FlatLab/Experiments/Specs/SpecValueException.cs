using System.Text.Json;

namespace FlatLab.Experiments.Specs;

/// <summary>A spec value its parser rejected; <see cref="SweepSpecJson"/> turns it into a <see cref="SpecException"/>
/// with the field the serializer was reading.</summary>
internal sealed class SpecValueException(string value, string why) : JsonException(why)
{
    public string Value { get; } = value;
}
