using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FlatLab.Experiments.Results;

namespace FlatLab.Reporting.Tables;

/// <summary>
/// The columns of results.csv and results.parquet, in their stable order: the
/// <see cref="ResultColumnAttribute"/> properties of <see cref="CaseResult"/> in declaration order.
/// The names are the snake_case names of the case store's JSON, so a table column and a store field
/// always agree; docs/results-schema.md is generated from the same list (<see cref="ResultsSchemaDoc"/>).
/// </summary>
public static class ResultsColumns
{
    public static readonly IReadOnlyList<ResultsColumn> All = Declared(typeof(CaseResult));

    /// <summary>The <see cref="ResultColumnAttribute"/> properties of <paramref name="type"/> as columns, in declaration order.</summary>
    internal static ResultsColumn[] Declared(Type type) => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.IsDefined(typeof(ResultColumnAttribute)))
        .OrderBy(p => p.MetadataToken) // declaration order
        .Select(Column)
        .ToArray();

    /// <summary>The column of a <see cref="CaseResult"/> property (<c>nameof</c>); other outputs name the same quantity by it.</summary>
    public static string NameOf(string property) =>
        All.FirstOrDefault(c => c.Property.Name == property)?.Name
        ?? throw new ArgumentException($"CaseResult.{property} is not a results column.", nameof(property));

    /// <summary>An empty row for a table reader, which then sets every column.</summary>
    internal static CaseResult Blank() => (CaseResult)RuntimeHelpers.GetUninitializedObject(typeof(CaseResult));

    private static ResultsColumn Column(PropertyInfo p)
    {
        var declared = p.GetCustomAttribute<ResultColumnAttribute>()!;
        var type = p.PropertyType;
        var kind = type == typeof(string) ? ResultsColumnKind.String
            : type == typeof(int) ? ResultsColumnKind.Int
            : type == typeof(double) ? ResultsColumnKind.Double
            : type == typeof(bool) ? ResultsColumnKind.Bool
            : type == typeof(ulong) ? ResultsColumnKind.UInt64
            : type.IsEnum ? ResultsColumnKind.Enum
            : throw new InvalidOperationException($"{p.DeclaringType!.Name}.{p.Name} has type {type.Name}, which no results column can hold.");
        return new ResultsColumn(JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name), kind, declared.Unit, declared.Meaning, p);
    }
}
