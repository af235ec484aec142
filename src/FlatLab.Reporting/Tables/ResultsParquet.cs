using System.Globalization;
using FlatLab.Experiments.Results;
using FlatLab.Reporting.Io;
using ParquetSharp;
using ParquetSharp.Schema;

namespace FlatLab.Reporting.Tables;

/// <summary>
/// results.parquet: one row group, one flat column per results column with its Parquet type
/// (string → optional UTF-8 byte array, "" stored as null; int → INT32; uint64 → unsigned INT64;
/// double → optional DOUBLE, NaN (not applicable) stored as null, ±∞ kept; bool → BOOLEAN; enum →
/// its snake_case name as required UTF-8). Pages carry checksums, verified on reading (<see cref="ParquetFile"/>).
/// Tables written by earlier versions (seeds as text, doubles required with NaN, no checksums) still read.
/// </summary>
internal static class ResultsParquet
{
    public static void Write(string path, IReadOnlyList<CaseResult> rows) =>
        WriteTable(path, ResultsColumns.All.Select(c => (c, (IReadOnlyList<object>)rows)).ToArray());

    /// <summary>Writes each column from its own rows (the objects that hold it; all of one length).</summary>
    internal static void WriteTable(string path, IReadOnlyList<(ResultsColumn Column, IReadOnlyList<object> Rows)> columns) =>
        ParquetFile.Write(path, ParquetFile.Schema(columns.Select(c => Node(c.Column))), group =>
        {
            foreach (var (column, rows) in columns)
                using (var writer = group.NextColumn()) WriteColumn(writer, column, rows);
        });

    public static IReadOnlyList<CaseResult> Read(string path)
    {
        using var reader = ParquetFile.Open(path);
        var fields = Fields(reader, path, ResultsColumns.All, "results table");
        var rows = new List<CaseResult>();
        for (var g = 0; g < reader.FileMetaData.NumRowGroups; g++)
        {
            using var group = reader.RowGroup(g);
            var count = checked((int)group.MetaData.NumRows);
            var block = Enumerable.Range(0, count).Select(_ => ResultsColumns.Blank()).ToArray();
            foreach (var c in ResultsColumns.All)
            {
                var values = ReadColumn(group, fields[c.Name], c, count, path);
                for (var i = 0; i < count; i++) c.Set(block[i], values[i]);
            }
            rows.AddRange(block);
        }
        return rows;
    }

    /// <summary>The schema leaf of a column (docs/results-schema.md).</summary>
    internal static PrimitiveNode Node(ResultsColumn c) => c.Kind switch
    {
        ResultsColumnKind.Int => ParquetFile.Leaf(c.Name, optional: false, PhysicalType.Int32, LogicalType.Int(32, isSigned: true)),
        ResultsColumnKind.Double => ParquetFile.Leaf(c.Name, optional: true, PhysicalType.Double),
        ResultsColumnKind.Bool => ParquetFile.Leaf(c.Name, optional: false, PhysicalType.Boolean),
        ResultsColumnKind.UInt64 => ParquetFile.Leaf(c.Name, optional: false, PhysicalType.Int64, LogicalType.Int(64, isSigned: false)),
        ResultsColumnKind.Enum => ParquetFile.Leaf(c.Name, optional: false, PhysicalType.ByteArray, LogicalType.String()),
        _ => ParquetFile.Leaf(c.Name, optional: true, PhysicalType.ByteArray, LogicalType.String()),
    };

    /// <summary>One column of <paramref name="rows"/> (the objects that hold <paramref name="c"/>) in its Parquet type.</summary>
    private static void WriteColumn(ColumnWriter column, ResultsColumn c, IReadOnlyList<object> rows)
    {
        switch (c.Kind)
        {
            case ResultsColumnKind.Int:
                Write(column, rows.Select(r => (int)c.Get(r)));
                break;
            case ResultsColumnKind.Double:
                // Not applicable (NaN) is a null; ±∞ stay numbers.
                Write(column, rows.Select(r => (double)c.Get(r) is var v && double.IsNaN(v) ? (double?)null : v));
                break;
            case ResultsColumnKind.Bool:
                Write(column, rows.Select(r => (bool)c.Get(r)));
                break;
            case ResultsColumnKind.UInt64:
                Write(column, rows.Select(r => (ulong)c.Get(r)));
                break;
            case ResultsColumnKind.Enum:
                Write(column, rows.Select(r => SnakeCaseEnum.Name(c.EnumType!, c.Get(r))));
                break;
            default:
                Write(column, rows.Select(r => (string)c.Get(r) is { Length: > 0 } s ? s : null));
                break;
        }
    }

    private static void Write<T>(ColumnWriter column, IEnumerable<T> values)
    {
        var array = values.ToArray();
        using var writer = column.LogicalWriter<T>(Math.Clamp(array.Length, 1, ParquetFile.DefaultBufferLength));
        writer.WriteBatch(array);
    }

    /// <summary>
    /// The index of each of <paramref name="columns"/> in the file, after checking its type: the one written
    /// now or an earlier one (seeds as text, doubles required, enums optional).
    /// </summary>
    internal static Dictionary<string, int> Fields(ParquetFileReader reader, string path, IEnumerable<ResultsColumn> columns, string what)
    {
        var schema = reader.FileMetaData.Schema;
        var byName = new Dictionary<string, int>();
        for (var i = 0; i < schema.NumColumns; i++) byName.TryAdd(schema.Column(i).Path.ToDotString(), i);
        foreach (var c in columns)
        {
            if (!byName.TryGetValue(c.Name, out var index))
                throw new InvalidDataException($"'{path}' has no column '{c.Name}'; it is not a FlatLab {what}.");
            var type = ElementType(reader, schema.Column(index));
            var plain = Nullable.GetUnderlyingType(type ?? typeof(void)) ?? type;
            var accepted = c.Kind switch
            {
                ResultsColumnKind.Int => plain == typeof(int),
                ResultsColumnKind.Double => plain == typeof(double),
                ResultsColumnKind.Bool => plain == typeof(bool),
                ResultsColumnKind.UInt64 => plain == typeof(ulong) || plain == typeof(string),
                _ => plain == typeof(string),
            };
            if (!accepted || schema.Column(index).MaxRepetitionLevel != 0)
                throw new InvalidDataException($"'{path}', column '{c.Name}' has type {Describe(schema.Column(index))}; expected {Node(c).PhysicalType}.");
        }
        return byName;
    }

    /// <summary>The .NET type the library reads a column as; null for a type it cannot read.</summary>
    internal static Type? ElementType(ParquetFileReader reader, ColumnDescriptor column)
    {
        try { return reader.LogicalTypeFactory.GetSystemTypes(column).logicalType; }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or ParquetException) { return null; }
    }

    internal static string Describe(ColumnDescriptor column) =>
        column.LogicalType is NoneLogicalType ? $"{column.PhysicalType}" : $"{column.PhysicalType} ({column.LogicalType})";

    internal static object[] ReadColumn(RowGroupReader group, int index, ResultsColumn c, int count, string path) =>
        ParquetFile.ReadColumn(path, c.Name, () => Values(group, index, c, count, path));

    private static object[] Values(RowGroupReader group, int index, ResultsColumn c, int count, string path)
    {
        using var column = group.Column(index);
        var optional = column.ColumnDescriptor.MaxDefinitionLevel > 0;
        var text = column.ColumnDescriptor.PhysicalType == PhysicalType.ByteArray;
        switch (c.Kind)
        {
            case ResultsColumnKind.Int: return Struct<int>(column, optional, count, c, path, null);
            case ResultsColumnKind.Double: return Struct<double>(column, optional, count, c, path, double.NaN);
            case ResultsColumnKind.Bool: return Struct<bool>(column, optional, count, c, path, null);
            case ResultsColumnKind.UInt64 when !text: return Struct<ulong>(column, optional, count, c, path, null);
        }
        var strings = ParquetFile.ReadAll<string?>(column, count);
        return c.Kind switch
        {
            // Seeds were text before they became unsigned integers; such tables still read.
            ResultsColumnKind.UInt64 => strings.Select((s, i) => ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var u) ? (object)u
                : throw new InvalidDataException($"'{path}', column '{c.Name}', row {i + 1}: '{s}' is not a valid uint64.")).ToArray(),
            ResultsColumnKind.Enum => strings.Select((s, i) => Parse(c, s, path, i)).ToArray(),
            _ => strings.Select(s => (object)(s ?? "")).ToArray(),
        };
    }

    private static object Parse(ResultsColumn c, string? text, string path, int i)
    {
        try
        {
            return SnakeCaseEnum.Parse(c.EnumType!, text ?? "");
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"'{path}', column '{c.Name}', row {i + 1}: {e.Message}");
        }
    }

    /// <summary>A column's values; a null becomes <paramref name="missing"/>, or is an error where the column has no "not applicable".</summary>
    private static object[] Struct<T>(ColumnReader column, bool optional, int count, ResultsColumn c, string path, T? missing) where T : struct
    {
        if (!optional) return ParquetFile.ReadAll<T>(column, count).Select(v => (object)v).ToArray();
        return ParquetFile.ReadAll<T?>(column, count).Select((v, i) => (v ?? missing) is { } x ? (object)x
            : throw new InvalidDataException($"'{path}', column '{c.Name}', row {i + 1}: missing (null) value.")).ToArray();
    }
}
