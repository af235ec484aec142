using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlatLab.Reporting.Runs;

/// <summary>
/// Timestamps in manifest.json: ISO 8601 in UTC with microseconds ("2026-11-30T13:28:09.123456+00:00"). .NET's
/// default writes 7 fractional digits, which Python's datetime.fromisoformat before 3.11 rejects (as it rejects a trailing Z). Reads
/// any ISO 8601 timestamp (older manifests included).
/// </summary>
internal sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? throw new JsonException("A timestamp is null.");
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            throw new JsonException($"'{text}' is not an ISO 8601 timestamp.");
        return value.ToUniversalTime();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture));
}
