using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlatLab.Experiments.Specs;

/// <summary>Reads and writes sweep specs as JSON with comments (snake_case fields; unknown fields are errors).</summary>
public static class SweepSpecJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>Parses and validates; every problem becomes a <see cref="SpecException"/> naming the field.</summary>
    public static SweepSpec Parse(string json)
    {
        SweepSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize<SweepSpec>(json, Options);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) ? "(document)" : e.Path.TrimStart('$', '.');
            throw new SpecException(field, null, FirstSentence(e.Message));
        }
        if (spec is null) throw new SpecException("(document)", "null", "the file holds no sweep spec");
        return spec.Validate();
    }

    public static SweepSpec Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Sweep spec file '{path}' does not exist.", path);
        return Parse(File.ReadAllText(path));
    }

    public static string Write(SweepSpec spec) => JsonSerializer.Serialize(spec, Options);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
