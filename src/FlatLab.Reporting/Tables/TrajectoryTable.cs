using System.Globalization;
using System.Text;
using FlatLab.Experiments.Results;
using FlatLab.Reporting.Io;
using Parquet;
using Parquet.Schema;

namespace FlatLab.Reporting.Tables;

/// <summary>
/// trajectories.csv and trajectories.parquet: one row per recorded point of every optimizer run and
/// search (docs/results-schema.md), keyed by case_key so they join the results table.
/// </summary>
public static class TrajectoryTable
{
    public const string CsvFileName = "trajectories.csv";
    public const string ParquetFileName = "trajectories.parquet";

    private static readonly string[] Keys = ["case_key", "kind", "variant", "panel"];
    private static readonly string[] Numbers =
        ["train_loss", "flatness", "flatness_min", "flattest_flatness_min", "alignment_mean", "population_loss", "flattest_population_loss", "bias_share"];

    /// <summary>Writes both files into <paramref name="folder"/> when any row has a trajectory; returns whether it did.</summary>
    public static bool Write(string folder, IReadOnlyList<CaseResult> rows)
    {
        var points = rows.Where(r => r.Trajectory is { Length: > 0 }).OrderBy(r => r.CaseIndex)
            .SelectMany(r => r.Trajectory!.Select(p => (Row: r, Point: p))).ToList();
        if (points.Count == 0) return false;
        AtomicFileWriter.WriteAllText(Path.Combine(folder, CsvFileName), Csv(points));
        AtomicFileWriter.Write(Path.Combine(folder, ParquetFileName), stream => WriteParquet(stream, points).GetAwaiter().GetResult());
        return true;
    }

    private static string[] KeyValues(CaseResult r) => [r.CaseKey, r.Kind, r.Variant, r.Panel];

    private static double[] NumberValues(TrajectoryPoint p) =>
        [p.TrainLoss, p.Flatness, p.FlatnessMin, p.FlattestFlatnessMin, p.AlignmentMean, p.PopulationLoss, p.FlattestPopulationLoss, p.BiasShare];

    private static string Csv(List<(CaseResult Row, TrajectoryPoint Point)> points)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(",", Keys.Append("step").Concat(Numbers)));
        foreach (var (row, point) in points)
            text.AppendLine(string.Join(",", KeyValues(row).Append(point.Step.ToString(CultureInfo.InvariantCulture))
                .Concat(NumberValues(point).Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));
        return text.ToString();
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
}
