using FlatLab.Experiments.Results;
using FlatLab.Experiments.Runs;
using Parquet;
using Parquet.Schema;

namespace FlatLab.Reporting.Tables;

/// <summary>
/// results.parquet: one row group, one flat column per results column with its Parquet type
/// (string → UTF-8 byte array, int → INT32, double → DOUBLE with NaN and ±∞ kept, bool → BOOLEAN);
/// numbers and booleans are required, strings optional (a null reads back as "").
/// </summary>
internal static class ResultsParquet
{
    public static void Write(string path, IReadOnlyList<CaseResult> rows) =>
        AtomicFileWriter.Write(path, stream => WriteAsync(stream, rows).GetAwaiter().GetResult());

    public static IReadOnlyList<CaseResult> Read(string path) => ReadAsync(path).GetAwaiter().GetResult();

    private static DataField Field(ResultsColumn c) => c.Kind switch
    {
        ResultsColumnKind.Int => new DataField<int>(c.Name),
        ResultsColumnKind.Double => new DataField<double>(c.Name),
        ResultsColumnKind.Bool => new DataField<bool>(c.Name),
        _ => new DataField<string>(c.Name),
    };

    private static async Task WriteAsync(Stream stream, IReadOnlyList<CaseResult> rows)
    {
        var columns = ResultsColumns.All;
        var fields = columns.Select(Field).ToArray();
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields.Cast<Field>().ToArray()), stream).ConfigureAwait(false);
        using var group = writer.CreateRowGroup();
        for (var j = 0; j < columns.Count; j++)
        {
            var c = columns[j];
            switch (c.Kind)
            {
                case ResultsColumnKind.Int:
                    await group.WriteAsync<int>(fields[j], rows.Select(r => (int)c.Get(r)).ToArray().AsMemory()).ConfigureAwait(false);
                    break;
                case ResultsColumnKind.Double:
                    await group.WriteAsync<double>(fields[j], rows.Select(r => (double)c.Get(r)).ToArray().AsMemory()).ConfigureAwait(false);
                    break;
                case ResultsColumnKind.Bool:
                    await group.WriteAsync<bool>(fields[j], rows.Select(r => (bool)c.Get(r)).ToArray().AsMemory()).ConfigureAwait(false);
                    break;
                default:
                    await group.WriteAsync(fields[j], rows.Select(r => (string)c.Get(r)).ToArray()).ConfigureAwait(false);
                    break;
            }
        }
    }

    private static async Task<IReadOnlyList<CaseResult>> ReadAsync(string path)
    {
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(path).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidDataException($"'{path}' is not a readable Parquet file ({e.Message}).", e);
        }
        await using (reader.ConfigureAwait(false))
        {
            var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name);
            var columns = ResultsColumns.All;
            foreach (var c in columns)
            {
                if (!fields.TryGetValue(c.Name, out var f))
                    throw new InvalidDataException($"'{path}' has no column '{c.Name}'; it is not a FlatLab results table.");
                var expected = Field(c).ClrType;
                if (f.ClrType != expected || f.IsArray)
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
                    var f = fields[c.Name];
                    var values = await ReadColumnAsync(group, f, c.Kind, count, path).ConfigureAwait(false);
                    for (var i = 0; i < count; i++) block[i] = c.Set(block[i], values[i]);
                }
                rows.AddRange(block);
            }
            return rows;
        }
    }

    private static async Task<object[]> ReadColumnAsync(ParquetRowGroupReader group, DataField f, ResultsColumnKind kind, int count, string path)
    {
        switch (kind)
        {
            case ResultsColumnKind.Int: return await ReadStructAsync<int>(group, f, count, path).ConfigureAwait(false);
            case ResultsColumnKind.Double: return await ReadStructAsync<double>(group, f, count, path).ConfigureAwait(false);
            case ResultsColumnKind.Bool: return await ReadStructAsync<bool>(group, f, count, path).ConfigureAwait(false);
            default:
                var strings = new string?[count];
                await group.ReadAsync(f, strings.AsMemory()).ConfigureAwait(false);
                return strings.Select(s => (object)(s ?? "")).ToArray();
        }
    }

    private static async Task<object[]> ReadStructAsync<T>(ParquetRowGroupReader group, DataField f, int count, string path) where T : struct
    {
        if (!f.IsNullable)
        {
            var values = new T[count];
            await group.ReadAsync<T>(f, values.AsMemory()).ConfigureAwait(false);
            return values.Select(v => (object)v).ToArray();
        }
        var nullable = new T?[count];
        await group.ReadAsync<T>(f, nullable.AsMemory()).ConfigureAwait(false);
        return nullable.Select((v, i) => v is { } x ? (object)x
            : throw new InvalidDataException($"'{path}', column '{f.Name}', row {i + 1}: missing (null) value.")).ToArray();
    }
}
