using System.Text;
using System.Text.Json;

namespace FlatLab.Experiments.Specs;

/// <summary>
/// Checks a spec's JSON text before it is read into a <see cref="SweepSpec"/>, for what the serializer
/// would let pass in silence: a key given twice in one object (the serializer keeps the last value) and an
/// empty list (for <c>rho.values</c> it would mean the default grid). Both are errors naming field and line.
/// </summary>
internal static class SpecJsonStructure
{
    /// <summary>Top-level lists where [] says "none of these", as spec.json writes them (docs/sweeps.md).</summary>
    private static readonly HashSet<string> MayBeEmpty = new(StringComparer.Ordinal) { "panels", "scaling", "optimizers", "searches" };

    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
        public string? Current { get; set; }
        public int Index { get; set; } = -1;
    }

    public static void Check(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                var top = frames.Count > 0 ? frames[^1] : null;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        top!.Current = name;
                        if (!top.Keys.Add(name))
                        {
                            var (field, line) = (PathOf(frames), Line(bytes, reader.TokenStartIndex));
                            reader.Read();
                            throw new SpecException(field, ValueText(ref reader),
                                $"the key \"{name}\" is given a second time on line {line} (a spec takes each key once); keep one");
                        }
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        if (top is { IsArray: true }) top.Index++;
                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.EndArray:
                        var closed = frames[^1];
                        frames.RemoveAt(frames.Count - 1);
                        var path = PathOf(frames);
                        if (closed.Index < 0 && !(frames.Count == 1 && MayBeEmpty.Contains(path)))
                            throw new SpecException(path, "[]",
                                $"an empty list (line {Line(bytes, reader.TokenStartIndex)}); give at least one value, or leave the field out for its default");
                        break;
                    default:
                        if (top is { IsArray: true }) top.Index++;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON: the serializer reports it with its position.
        }
    }

    /// <summary>The field path in the form of the spec's messages, e.g. <c>panels[0].rho.values</c>.</summary>
    private static string PathOf(List<Frame> frames)
    {
        var path = new StringBuilder();
        foreach (var frame in frames)
        {
            if (frame.IsArray) { if (frame.Index >= 0) path.Append('[').Append(frame.Index).Append(']'); }
            else if (frame.Current is not null) path.Append(path.Length > 0 ? "." : "").Append(frame.Current);
        }
        return path.Length > 0 ? path.ToString() : "(document)";
    }

    /// <summary>The second value, as written (objects and lists abbreviated).</summary>
    private static string ValueText(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartObject => "{ ... }",
        JsonTokenType.StartArray => "[ ... ]",
        JsonTokenType.String => "\"" + reader.GetString() + "\"",
        _ => Encoding.UTF8.GetString(reader.ValueSpan),
    };

    private static int Line(byte[] bytes, long offset) =>
        1 + bytes.AsSpan(0, (int)offset).Count((byte)'\n');
}
