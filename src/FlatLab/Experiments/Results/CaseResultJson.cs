using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlatLab.Experiments.Results;

/// <summary>One case as one line of JSON (snake_case, NaN and ∞ spelled out), the store's record format.</summary>
public static class CaseResultJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };

    public static string Write(CaseResult row) => JsonSerializer.Serialize(row, Options);

    public static CaseResult Read(string line) =>
        JsonSerializer.Deserialize<CaseResult>(line, Options) ?? throw new JsonException("Empty case record.");
}
