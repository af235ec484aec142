using System.Globalization;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Runs;
using Parquet;
using Parquet.Schema;

namespace FlatLab.Reporting.Tables;

/// <summary>
/// results.parquet: one row group, one flat column per results column with its Parquet type
/// (string → optional UTF-8 byte array, "" stored as null; int → INT32; uint64 → unsigned INT64;
/// double → optional DOUBLE, NaN (not applicable) stored as null, ±∞ kept; bool → BOOLEAN; enum →
/// its snake_case name as UTF-8). Tables written by earlier versions (seeds as text, doubles
/// required with NaN) still read.
/// </summary>
internal static class ResultsParquet
{
    public static void Write(string path, IReadOnlyList<CaseResult> rows) =>
        AtomicFileWriter.Write(path, stream => WriteAsync(stream, rows).GetAwaiter().GetResult());

    public static IReadOnlyList<CaseResult> Read(string path) => ReadAsync(path).GetAwaiter().GetResult();

    /// <summary>The CLR type Parquet.Net gives a text column.</summary>
    private static readonly Type TextType = new DataField<string>("text").ClrType;

    internal static DataField Field(ResultsColumn c) => c.Kind switch
    {
        ResultsColumnKind.Int => new DataField<int>(c.Name),
        ResultsColumnKind.Double => new DataField<double?>(c.Name),
        ResultsColumnKind.Bool => new DataField<bool>(c.Name),
        ResultsColumnKind.UInt64 => new DataField<ulong>(c.Name),
        _ => new DataField<string>(c.Name),
    };

    private static async Task WriteAsync(Stream stream, IReadOnlyList<CaseResult> rows)
    {
        var columns = ResultsColumns.All;
        var fields = columns.Select(Field).ToArray();
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields.Cast<Field>().ToArray()), stream).ConfigureAwait(false);
        using var group = writer.CreateRowGroup();
        for (var j = 0; j < columns.Count; j++)
            await WriteColumnAsync(group, fields[j], columns[j], rows).ConfigureAwait(false);
    }

    /// <summary>One column of <paramref name="rows"/> (the objects that hold <paramref name="c"/>) in its Parquet type.</summary>
    internal static async Task WriteColumnAsync(ParquetRowGroupWriter group, DataField field, ResultsColumn c, IReadOnlyList<object> rows)
    {
        switch (c.Kind)
        {
            case ResultsColumnKind.Int:
                await group.WriteAsync<int>(field, rows.Select(r => (int)c.Get(r)).ToArray().AsMemory()).ConfigureAwait(false);
                break;
            case ResultsColumnKind.Double:
                // Not applicable (NaN) is a null; ±∞ stay numbers.
                await group.WriteAsync<double>(field, rows.Select(r => (double)c.Get(r) is var v && double.IsNaN(v) ? (double?)null : v).ToArray().AsMemory()).ConfigureAwait(false);
                break;
            case ResultsColumnKind.Bool:
                await group.WriteAsync<bool>(field, rows.Select(r => (bool)c.Get(r)).ToArray().AsMemory()).ConfigureAwait(false);
                break;
            case ResultsColumnKind.UInt64:
                await group.WriteAsync<ulong>(field, rows.Select(r => (ulong)c.Get(r)).ToArray().AsMemory()).ConfigureAwait(false);
                break;
            case ResultsColumnKind.Enum:
                await group.WriteAsync(field, rows.Select(r => SnakeCaseEnum.Name(c.EnumType!, c.Get(r))).ToArray()).ConfigureAwait(false);
                break;
            default:
                await group.WriteAsync(field, rows.Select(r => (string)c.Get(r) is { Length: > 0 } s ? s : null).ToArray()).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Opens a Parquet file; a file the library cannot read is bad input naming the path.</summary>
    internal static async Task<ParquetReader> OpenAsync(string path)
    {
        try
        {
            return await ParquetReader.CreateAsync(path).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidDataException($"'{path}' is not a readable Parquet file ({e.Message}).", e);
        }
    }

    private static async Task<IReadOnlyList<CaseResult>> ReadAsync(string path)
    {
        var reader = await OpenAsync(path).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name);
            var columns = ResultsColumns.All;
            foreach (var c in columns)
            {
                if (!fields.TryGetValue(c.Name, out var f))
                    throw new InvalidDataException($"'{path}' has no column '{c.Name}'; it is not a FlatLab results table.");
                var expected = Field(c).ClrType;
                // Seeds were text before they became unsigned integers; such tables still read.
                var accepted = f.ClrType == expected || (c.Kind == ResultsColumnKind.UInt64 && f.ClrType == TextType);
                if (!accepted || f.IsArray)
                    throw new InvalidDataException($"'{path}', column '{c.Name}' has type {f.ClrType.Name}; expected {expected.Name}.");
            }
            var rows = new List<CaseResult>();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var count = checked((int)group.RowCount);
                var block = Enumerable.Range(0, count).Select(_ => ResultsColumns.Blank()).ToArray();
                foreach (var c in columns)
                {
                    var values = await ReadColumnAsync(group, fields[c.Name], c, count, path).ConfigureAwait(false);
                    for (var i = 0; i < count; i++) c.Set(block[i], values[i]);
                }
                rows.AddRange(block);
            }
            return rows;
        }
    }

    internal static async Task<object[]> ReadColumnAsync(ParquetRowGroupReader group, DataField f, ResultsColumn c, int count, string path)
    {
        switch (c.Kind)
        {
            case ResultsColumnKind.Int: return await ReadStructAsync<int>(group, f, count, path, null).ConfigureAwait(false);
            case ResultsColumnKind.Double: return await ReadStructAsync<double>(group, f, count, path, double.NaN).ConfigureAwait(false);
            case ResultsColumnKind.Bool: return await ReadStructAsync<bool>(group, f, count, path, null).ConfigureAwait(false);
            case ResultsColumnKind.UInt64 when f.ClrType != TextType:
                return await ReadStructAsync<ulong>(group, f, count, path, null).ConfigureAwait(false);
        }
        var strings = new string?[count];
        await group.ReadAsync(f, strings.AsMemory()).ConfigureAwait(false);
        return c.Kind switch
        {
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
    private static async Task<object[]> ReadStructAsync<T>(ParquetRowGroupReader group, DataField f, int count, string path, T? missing) where T : struct
    {
        if (!f.IsNullable)
        {
            var values = new T[count];
            await group.ReadAsync<T>(f, values.AsMemory()).ConfigureAwait(false);
            return values.Select(v => (object)v).ToArray();
        }
        var nullable = new T?[count];
        await group.ReadAsync<T>(f, nullable.AsMemory()).ConfigureAwait(false);
        return nullable.Select((v, i) => (v ?? missing) is { } x ? (object)x
            : throw new InvalidDataException($"'{path}', column '{f.Name}', row {i + 1}: missing (null) value.")).ToArray();
    }
}
