using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlatLab.Experiments.Results;

/// <summary>Writes and reads every enum of the case store through <see cref="SnakeCaseEnum"/>.</summary>
internal sealed class SnakeCaseEnumJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<T> : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
                throw new JsonException($"Expected a {typeof(T).Name} name (one of {string.Join(", ", SnakeCaseEnum.All<T>())}), found {reader.TokenType}.");
            var text = reader.GetString()!;
            return SnakeCaseEnum.TryParse<T>(text, out var value)
                ? value
                : throw new JsonException($"'{text}' is not a {typeof(T).Name}: expected one of {string.Join(", ", SnakeCaseEnum.All<T>())}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(SnakeCaseEnum.Name(value));
    }
}
