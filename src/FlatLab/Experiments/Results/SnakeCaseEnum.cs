using System.Collections.Concurrent;
using System.Text.Json;

namespace FlatLab.Experiments.Results;

/// <summary>
/// The one spelling of the results' enums (<see cref="CaseStatus"/>, the case kind) in every output: the
/// snake_case of the member name (<c>IllConditioned</c> → <c>ill_conditioned</c>). The case store's
/// JSON, the CSV and the Parquet table all go through it, so they cannot disagree.
/// </summary>
public static class SnakeCaseEnum
{
    private static readonly ConcurrentDictionary<Type, (Enum[] Values, string[] Names)> Cache = new();

    public static string Name<T>(T value) where T : struct, Enum => Name(typeof(T), value);

    /// <summary>Every member's name, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>() where T : struct, Enum => Of(typeof(T)).Names;

    public static bool TryParse<T>(string text, out T value) where T : struct, Enum
    {
        var found = TryParse(typeof(T), text, out var boxed);
        value = found ? (T)boxed! : default;
        return found;
    }

    /// <summary>Parses a snake_case name; the message names what was expected.</summary>
    public static T Parse<T>(string text) where T : struct, Enum => (T)Parse(typeof(T), text);

    /// <summary>The same names for an enum type known only at run time (the table readers and writers).</summary>
    public static string Name(Type type, object value)
    {
        var (values, names) = Of(type);
        var i = Array.IndexOf(values, (Enum)value);
        return i >= 0 ? names[i] : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a defined {type.Name}.");
    }

    public static object Parse(Type type, string text) =>
        TryParse(type, text, out var value)
            ? value!
            : throw new FormatException($"'{text}' is not a {Describe(type)}: expected one of {string.Join(", ", Of(type).Names)}.");

    private static bool TryParse(Type type, string text, out object? value)
    {
        var (values, names) = Of(type);
        var i = Array.IndexOf(names, text);
        value = i >= 0 ? values[i] : null;
        return i >= 0;
    }

    private static string Describe(Type type) => JsonNamingPolicy.SnakeCaseLower.ConvertName(type.Name).Replace('_', ' ');

    private static (Enum[] Values, string[] Names) Of(Type type) => Cache.GetOrAdd(type, t =>
    {
        if (!t.IsEnum) throw new ArgumentException($"{t.Name} is not an enum.", nameof(type));
        var values = Enum.GetValues(t).Cast<Enum>().ToArray();
        return (values, values.Select(v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString())).ToArray());
    });
}
