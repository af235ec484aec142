using System.Globalization;
using System.Text;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Runs;
using Parquet;
using Parquet.Schema;

namespace FlatLab.Reporting.Tables;

/// <summary>
/// trajectories.csv and trajectories.parquet: one row per recorded point of every optimizer run and
/// search (docs/results-schema.md), keyed by case_key so they join the results table. Doubles are
/// written in round-trip form, so reading a table back gives the same bits.
/// </summary>
public static class TrajectoryTable
{
    private static readonly string[] Keys = ["case_key", "kind", "variant", "panel"];
    private static readonly string[] Numbers =
        ["train_loss", "flatness", "flatness_min", "flattest_flatness_min", "alignment_mean", "population_loss", "flattest_population_loss", "bias_share"];

    /// <summary>Whether any row has a recorded point (otherwise there is no trajectory table to write).</summary>
    public static bool HasPoints(IReadOnlyList<CaseResult> rows) => rows.Any(r => r.Trajectory is { Length: > 0 });

    public static void WriteCsv(string path, IReadOnlyList<CaseResult> rows) => AtomicFileWriter.WriteAllText(path, Csv(Points(rows)));

    public static void WriteParquet(string path, IReadOnlyList<CaseResult> rows) =>
        AtomicFileWriter.Write(path, stream => WriteParquet(stream, Points(rows)).GetAwaiter().GetResult());

    /// <summary>Reads a table written by <see cref="WriteCsv"/> or <see cref="WriteParquet"/> (by extension: .parquet, else CSV):
    /// each case's points in the order written, by case_key.</summary>
    public static IReadOnlyDictionary<string, TrajectoryPoint[]> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var records = path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)
            ? ReadParquet(path).GetAwaiter().GetResult()
            : ReadCsv(path);
        return records.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Select(r => r.Point).ToArray());
    }

    private static List<(CaseResult Row, TrajectoryPoint Point)> Points(IReadOnlyList<CaseResult> rows) =>
        rows.Where(r => r.Trajectory is { Length: > 0 }).OrderBy(r => r.CaseIndex)
            .SelectMany(r => r.Trajectory!.Select(p => (Row: r, Point: p))).ToList();

    private static string[] KeyValues(CaseResult r) => [r.CaseKey, SnakeCaseEnum.Name(r.Kind), r.Variant, r.Panel];

    private static double[] NumberValues(TrajectoryPoint p) =>
        [p.TrainLoss, p.Flatness, p.FlatnessMin, p.FlattestFlatnessMin, p.AlignmentMean, p.PopulationLoss, p.FlattestPopulationLoss, p.BiasShare];

    private static TrajectoryPoint Point(int step, IReadOnlyList<double> v) =>
        new(step, v[0], v[1], v[2], v[3], v[4], v[5], v[6]) { BiasShare = v[7] };

    private static string Csv(List<(CaseResult Row, TrajectoryPoint Point)> points)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(",", Keys.Append("step").Concat(Numbers)));
        foreach (var (row, point) in points)
            text.AppendLine(string.Join(",", KeyValues(row).Append(point.Step.ToString(CultureInfo.InvariantCulture))
                .Concat(NumberValues(point).Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));
        return text.ToString();
    }

    /// <summary>The CSV as written: names and keys hold no commas or quotes (spec names are [A-Za-z0-9_-]).</summary>
    private static List<(string Key, TrajectoryPoint Point)> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        var expected = string.Join(",", Keys.Append("step").Concat(Numbers));
        if (lines.Length == 0 || lines[0].Trim() != expected)
            throw new InvalidDataException($"'{path}' does not start with the trajectory header '{expected}'.");
        var records = new List<(string, TrajectoryPoint)>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var fields = lines[i].Split(',');
            if (fields.Length != Keys.Length + 1 + Numbers.Length)
                throw new InvalidDataException($"'{path}', line {i + 1}: {fields.Length} fields but the header has {Keys.Length + 1 + Numbers.Length}.");
            if (!int.TryParse(fields[Keys.Length], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var step))
                throw new InvalidDataException($"'{path}', line {i + 1}, column 'step': '{fields[Keys.Length]}' is not an integer.");
            var values = new double[Numbers.Length];
            for (var k = 0; k < Numbers.Length; k++)
                if (!double.TryParse(fields[Keys.Length + 1 + k], NumberStyles.Float, CultureInfo.InvariantCulture, out values[k]))
                    throw new InvalidDataException($"'{path}', line {i + 1}, column '{Numbers[k]}': '{fields[Keys.Length + 1 + k]}' is not a number.");
            records.Add((fields[0], Point(step, values)));
        }
        return records;
    }

    private static async Task WriteParquet(Stream stream, List<(CaseResult Row, TrajectoryPoint Point)> points)
    {
        var keyFields = Keys.Select(k => new DataField<string>(k)).ToArray();
        var stepField = new DataField<int>("step");
        var numberFields = Numbers.Select(k => new DataField<double>(k)).ToArray();
        var schema = new ParquetSchema(keyFields.Cast<Field>().Append(stepField).Concat(numberFields).ToArray());
        await using var writer = await ParquetWriter.CreateAsync(schema, stream).ConfigureAwait(false);
        using var group = writer.CreateRowGroup();
        for (var k = 0; k < keyFields.Length; k++)
            await group.WriteAsync(keyFields[k], points.Select(p => KeyValues(p.Row)[k]).ToArray()).ConfigureAwait(false);
        await group.WriteAsync<int>(stepField, points.Select(p => p.Point.Step).ToArray().AsMemory()).ConfigureAwait(false);
        for (var k = 0; k < numberFields.Length; k++)
            await group.WriteAsync<double>(numberFields[k], points.Select(p => NumberValues(p.Point)[k]).ToArray().AsMemory()).ConfigureAwait(false);
    }

    private static async Task<List<(string Key, TrajectoryPoint Point)>> ReadParquet(string path)
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
            foreach (var name in Keys.Take(1).Append("step").Concat(Numbers))
                if (!fields.ContainsKey(name)) throw new InvalidDataException($"'{path}' has no column '{name}'; it is not a FlatLab trajectory table.");
            var records = new List<(string, TrajectoryPoint)>();
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var count = checked((int)group.RowCount);
                var keys = new string?[count];
                await group.ReadAsync(fields[Keys[0]], keys.AsMemory()).ConfigureAwait(false);
                var steps = new int[count];
                await group.ReadAsync<int>(fields["step"], steps.AsMemory()).ConfigureAwait(false);
                var values = new double[Numbers.Length][];
                for (var k = 0; k < Numbers.Length; k++)
                {
                    values[k] = new double[count];
                    await group.ReadAsync<double>(fields[Numbers[k]], values[k].AsMemory()).ConfigureAwait(false);
                }
                for (var i = 0; i < count; i++)
                    records.Add((keys[i] ?? "", Point(steps[i], values.Select(v => v[i]).ToArray())));
            }
            return records;
        }
    }
}
