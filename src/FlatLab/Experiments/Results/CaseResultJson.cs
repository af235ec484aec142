using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlatLab.Experiments.Results;

/// <summary>
/// One case as one line of JSON (snake_case, NaN and ∞ spelled out, enums through
/// <see cref="SnakeCaseEnum"/>), the store's record format. Stores written before the seeds became
/// numbers (seeds as decimal strings) still read.
/// </summary>
public static class CaseResultJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // Reading from strings keeps older stores readable, whose seeds were decimal strings.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals | JsonNumberHandling.AllowReadingFromString,
        Converters = { new SnakeCaseEnumJsonConverter() },
        WriteIndented = false,
    };

    public static string Write(CaseResult row) => JsonSerializer.Serialize(row, Options);

    public static CaseResult Read(string line)
    {
        var row = JsonSerializer.Deserialize<CaseResult>(line, Options) ?? throw new JsonException("Empty case record.");
        // Rows from before grids have no base_panel: their panel is their base.
        return row.BasePanel.Length == 0 ? row with { BasePanel = row.Panel } : row;
    }
}
