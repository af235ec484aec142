using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlatLab.Reporting.Runs;

/// <summary>manifest.json: a <see cref="RunManifest"/> as indented snake_case JSON (NaN spelled "NaN", timestamps in UTC with at most 6 fractional digits).</summary>
public static class RunManifestJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
        Converters = { new UtcTimestampConverter() },
    };

    public static string Write(RunManifest manifest) => JsonSerializer.Serialize(manifest, Options);

    public static RunManifest Read(string json) =>
        JsonSerializer.Deserialize<RunManifest>(json, Options) ?? throw new JsonException("The manifest is empty.");

    public static RunManifest Load(string path) => Read(File.ReadAllText(path));
}
