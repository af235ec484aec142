using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlatLab.Experiments.Specs;

/// <summary>
/// Reads a spec value from its name with the value type's own parser and writes the name back, so a
/// spec holds typed values (activations, links, optimizers, ...) from the moment it is read, and a bad
/// name is a <see cref="SpecException"/> naming the field.
/// </summary>
internal sealed class SpecValueConverter<T>(Func<string, T> parse, Func<T, string> name) : JsonConverter<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException("expected text in quotes");
        var text = reader.GetString()!;
        try
        {
            return parse(text);
        }
        catch (ArgumentException e)
        {
            throw new SpecValueException(text, e.Message);
        }
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(name(value));
}
