using System.Runtime.CompilerServices;
using System.Text;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Runs;
using FlatLab.Reporting.Io;

namespace FlatLab.Reporting.Tables;

/// <summary>
/// trajectories.csv and trajectories.parquet: one row per recorded point of every optimizer run and
/// search (docs/results-schema.md), keyed by case_key so they join the results table. The columns are
/// the <see cref="Keys"/> of the results table, then those declared on <see cref="TrajectoryPoint"/>,
/// written like the results table's (round-trip doubles in the CSV; a NaN double is a Parquet null),
/// so reading a table back gives the same bits.
/// </summary>
public static class TrajectoryTable
{
    /// <summary>The results columns that identify a point's case.</summary>
    public static readonly IReadOnlyList<ResultsColumn> Keys =
    [
        .. new[] { nameof(CaseResult.CaseKey), nameof(CaseResult.Kind), nameof(CaseResult.Variant), nameof(CaseResult.Panel) }
            .Select(p => ResultsColumns.All.Single(c => c.Property.Name == p)),
    ];

    /// <summary>The columns of a point, in declaration order: step first, then the numbers.</summary>
    public static readonly IReadOnlyList<ResultsColumn> PointColumns = ResultsColumns.Declared(typeof(TrajectoryPoint));

    /// <summary>Whether any row has a recorded point (otherwise there is no trajectory table to write).</summary>
    public static bool HasPoints(IReadOnlyList<CaseResult> rows) => rows.Any(r => r.Trajectory is { Length: > 0 });

    public static void WriteCsv(string path, IReadOnlyList<CaseResult> rows) => AtomicFileWriter.WriteAllText(path, Csv(Points(rows)));

    public static void WriteParquet(string path, IReadOnlyList<CaseResult> rows) => WriteParquet(path, Points(rows));

    /// <summary>Reads a table written by <see cref="WriteCsv"/> or <see cref="WriteParquet"/> (by extension: .parquet, else CSV):
    /// each case's points in the order written, by case_key.</summary>
    public static IReadOnlyDictionary<string, TrajectoryPoint[]> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var records = path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)
            ? ReadParquet(path)
            : ReadCsv(path);
        return records.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Select(r => r.Point).ToArray());
    }

    private static List<(CaseResult Row, TrajectoryPoint Point)> Points(IReadOnlyList<CaseResult> rows) =>
        rows.Where(r => r.Trajectory is { Length: > 0 }).OrderBy(r => r.CaseIndex)
            .SelectMany(r => r.Trajectory!.Select(p => (Row: r, Point: p))).ToList();

    /// <summary>A point whose every column the reader then sets.</summary>
    private static TrajectoryPoint Blank() => (TrajectoryPoint)RuntimeHelpers.GetUninitializedObject(typeof(TrajectoryPoint));

    private static string Csv(List<(CaseResult Row, TrajectoryPoint Point)> points)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(",", Keys.Concat(PointColumns).Select(c => c.Name)));
        foreach (var (row, point) in points)
            text.AppendLine(string.Join(",", Keys.Select(c => ResultsCsv.Format(c, row))
                .Concat(PointColumns.Select(c => ResultsCsv.Format(c, point))).Select(ResultsCsv.Quote)));
        return text.ToString();
    }

    private static List<(string Key, TrajectoryPoint Point)> ReadCsv(string path)
    {
        var records = ResultsCsv.Parse(File.ReadAllText(path, Encoding.UTF8), path);
        var expected = string.Join(",", Keys.Concat(PointColumns).Select(c => c.Name));
        if (records.Count == 0 || string.Join(",", records[0].Fields) != expected)
            throw new InvalidDataException($"'{path}' does not start with the trajectory header '{expected}'.");
        var points = new List<(string, TrajectoryPoint)>();
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Length != Keys.Count + PointColumns.Count)
                throw new InvalidDataException($"'{path}', line {line}: {fields.Length} fields but the header has {Keys.Count + PointColumns.Count}.");
            var point = Blank();
            for (var k = 0; k < PointColumns.Count; k++)
                PointColumns[k].Set(point, ResultsCsv.ParseValue(PointColumns[k], fields[Keys.Count + k], path, line));
            points.Add((fields[0], point));
        }
        return points;
    }

    private static void WriteParquet(string path, List<(CaseResult Row, TrajectoryPoint Point)> points)
    {
        IReadOnlyList<object> rows = points.Select(p => (object)p.Row).ToArray(), values = points.Select(p => (object)p.Point).ToArray();
        ResultsParquet.WriteTable(path, [.. Keys.Select(c => (c, rows)), .. PointColumns.Select(c => (c, values))]);
    }

    private static List<(string Key, TrajectoryPoint Point)> ReadParquet(string path)
    {
        using var reader = ParquetFile.Open(path);
        var key = Keys[0];
        var fields = ResultsParquet.Fields(reader, path, PointColumns.Prepend(key), "trajectory table");
        var records = new List<(string, TrajectoryPoint)>();
        for (var g = 0; g < reader.FileMetaData.NumRowGroups; g++)
        {
            using var group = reader.RowGroup(g);
            var count = checked((int)group.MetaData.NumRows);
            var keys = ResultsParquet.ReadColumn(group, fields[key.Name], key, count, path);
            var block = Enumerable.Range(0, count).Select(_ => Blank()).ToArray();
            foreach (var c in PointColumns)
            {
                var values = ResultsParquet.ReadColumn(group, fields[c.Name], c, count, path);
                for (var i = 0; i < count; i++) c.Set(block[i], values[i]);
            }
            for (var i = 0; i < count; i++) records.Add(((string)keys[i], block[i]));
        }
        return records;
    }
}
