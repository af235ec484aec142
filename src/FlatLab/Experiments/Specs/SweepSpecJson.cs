using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Text.Json.Serialization;
using FlatLab.Activations;
using FlatLab.Training;

namespace FlatLab.Experiments.Specs;

/// <summary>
/// Reads and writes sweep specs as JSON with comments (snake_case fields; unknown fields are errors).
/// Names in the file (activations, links, optimizers, ...) become typed values as they are read, and
/// <see cref="Parse"/> validates the whole spec once: what it returns is ready to run.
/// </summary>
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
        Converters =
        {
            new SpecValueConverter<Activation>(ActivationParser.Parse, a => a.Name),
            new SpecValueConverter<PanelLink>(PanelLink.Parse, l => l.Name),
            new SpecValueConverter<OptimizerKind>(OptimizerKindNames.Parse, o => o.Name()),
            new SpecValueConverter<Parameterization>(ParameterizationNames.Parse, p => p.Name()),
            new SpecValueConverter<SamSchedule>(SamScheduleNames.Parse, s => s.Name()),
            SpecSpellings.Converter(SpecSpellings.Weighting),
            SpecSpellings.Converter(SpecSpellings.Point),
            SpecSpellings.Converter(SpecSpellings.PopulationMethod),
            SpecSpellings.Converter(SpecSpellings.Features),
            SpecSpellings.Converter(SpecSpellings.OffsetDistribution),
            SpecSpellings.Converter(SpecSpellings.Start),
            SpecSpellings.Converter(SpecSpellings.Spacing),
        },
    };

    /// <summary>Parses and validates; every problem becomes a <see cref="SpecException"/> naming the field.</summary>
    public static SweepSpec Parse(string json)
    {
        SpecJsonStructure.Check(json);
        SweepSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize<SweepSpec>(WithoutDerivedFields(json), Options);
        }
        catch (JsonException e)
        {
            var field = e.Path?.TrimStart('$', '.') is { Length: > 0 } f ? f : "(document)";
            if (e is SpecValueException bad) throw new SpecException(field, bad.Value, bad.Message);
            throw new SpecException(field, RawValue(json, e.Path), Reason(e));
        }
        if (spec is null) throw new SpecException("(document)", "null", "the file holds no sweep spec");
        // With explicit values the spaced grid's fields are unused: they read as their defaults, so a spec.json
        // written when the default grid ended at 1 reads as the spec it was written from.
        if (spec.Rho.Values is { Length: > 0 } values) spec = spec with { Rho = new RhoGridSpec { Values = values } };
        return spec.Validate();
    }

    public static SweepSpec Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Sweep spec file '{path}' does not exist.", path);
        return Parse(File.ReadAllText(path));
    }

    public static string Write(SweepSpec spec) => JsonSerializer.Serialize(spec, Options);

    /// <summary>Derived values that earlier versions wrote into a run folder's spec.json next to the fields
    /// they derive from; they are dropped on reading, so those run folders still load, resume and merge.</summary>
    private static readonly Dictionary<string, string[]> DerivedFields = new()
    {
        ["solver"] = ["weighting"],
        ["population"] = ["is_monte_carlo"],
        ["panel"] = ["is_xor", "feature_distribution", "is_gaussian_bias_free", "network_activation", "target_activation", "link_kind"],
    };

    private static string WithoutDerivedFields(string json)
    {
        if (!json.Contains("\"is_monte_carlo\"", StringComparison.Ordinal) && !json.Contains("\"link_kind\"", StringComparison.Ordinal)) return json;
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            }) as JsonObject;
        }
        catch (JsonException)
        {
            return json; // malformed: the serializer says where
        }
        if (root is null) return json;
        void Drop(JsonNode? node, string kind)
        {
            if (node is JsonObject o)
                foreach (var name in DerivedFields[kind]) o.Remove(name);
        }
        Drop(root["solver"], "solver");
        Drop(root["population"], "population");
        if (root["panels"] is JsonArray panels) foreach (var panel in panels) Drop(panel, "panel");
        if (root["scaling"] is JsonArray studies) foreach (var study in studies) Drop((study as JsonObject)?["panel"], "panel");
        return root.ToJsonString();
    }

    /// <summary>The JSON text at <paramref name="path"/> (e.g. <c>$.panels[0].d</c>), so a message can quote the value; null if absent.</summary>
    private static string? RawValue(string json, string? path)
    {
        if (string.IsNullOrEmpty(path)) return null;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
            var element = document.RootElement;
            foreach (Match step in Regex.Matches(path, @"\.([^.\[]+)|\[(\d+)\]|\['([^']*)'\]"))
            {
                if (step.Groups[2].Success)
                {
                    var index = int.Parse(step.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (element.ValueKind != JsonValueKind.Array || index >= element.GetArrayLength()) return null;
                    element = element[index];
                }
                else
                {
                    var name = step.Groups[1].Success ? step.Groups[1].Value : step.Groups[3].Value;
                    if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element)) return null;
                }
            }
            var text = element.GetRawText();
            return text.Length <= 80 ? text : text[..77] + "...";
        }
        catch (JsonException)
        {
            return null; // the document itself is malformed: the message says where
        }
    }

    /// <summary>The serializer's reason in the words of the spec format.</summary>
    internal static string Reason(JsonException e)
    {
        var message = FirstSentence(e.Message);
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
            return "unknown field (docs/sweeps.md lists the fields)";
        var converted = Regex.Match(message, @"could not be converted to (?:System\.)?(\S+)");
        if (converted.Success)
        {
            var type = converted.Groups[1].Value;
            return "expected " + type switch
            {
                "Int32" or "Int64" => "an integer",
                "UInt64" => "an integer >= 0",
                "Double" => "a number",
                "String" => "text in quotes",
                "Boolean" => "true or false",
                _ when type.EndsWith("[]", StringComparison.Ordinal) => "a list [...]",
                _ => "an object { ... }",
            };
        }
        return e.LineNumber is { } line ? $"{message} (line {line + 1})" : message;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
