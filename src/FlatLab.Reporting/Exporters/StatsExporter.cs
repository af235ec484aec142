using System.Globalization;
using System.Text;
using FlatLab.Experiments.Analysis;
using FlatLab.Experiments.Runs;
using FlatLab.Reporting.Runs;

namespace FlatLab.Reporting.Exporters;

/// <summary>
/// stats.csv: per panel, every bootstrap statistic with its interval and counts, and the verdict on each
/// claim judged on it (docs/statistics.md §5). RFC 4180, invariant culture, doubles in round-trip form,
/// NaN as <c>NaN</c>. Written for every run with ρ cases; the header alone when it has none.
/// </summary>
public sealed class StatsExporter : IRunExporter
{
    /// <summary>The columns, in order (docs/statistics.md §5).</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["panel", "figure", "statistic", "range", "point", "lower", "upper", "level", "n_seeds", "n_rows", "n_failed", "resamples", "claim", "verdict", "reason", "bootstrap_seed"];

    public string Name => RunFolder.StatsFileName;

    public IReadOnlyList<string> Export(RunArtifacts run, RunFolder folder) =>
        [folder.WriteText(RunFolder.StatsFileName, Csv(run.BootstrapStatistics.Concat(run.SearchStatistics).ToList(), run.StatisticsSettings.Seed))];

    /// <summary>The table: one row per panel × statistic × range, repeated once per claim judged on it.</summary>
    /// <param name="bootstrapSeed">The seed of the resampling (StatisticsSettings.Seed), repeated on every line; empty when null.</param>
    public static string Csv(IReadOnlyList<PanelStatistics> panels, ulong? bootstrapSeed = null)
    {
        ArgumentNullException.ThrowIfNull(panels);
        var text = new StringBuilder(string.Join(",", Columns)).Append('\n');
        foreach (var panel in panels)
            foreach (var estimate in panel.Estimates)
            {
                var verdicts = panel.Verdicts.Where(v => ReferenceEquals(v.Statistic, estimate)).ToList();
                if (verdicts.Count == 0) Line(text, panel, estimate, null, bootstrapSeed);
                foreach (var verdict in verdicts) Line(text, panel, estimate, verdict, bootstrapSeed);
            }
        return text.ToString();
    }

    private static void Line(StringBuilder text, PanelStatistics panel, StatisticEstimate e, ClaimVerdict? verdict, ulong? seed)
    {
        string[] fields =
        [
            panel.Panel, panel.Figure, e.Statistic, e.Range, Number(e.Point), Number(e.Lower), Number(e.Upper), Number(e.Level),
            Int(e.Seeds), Int(e.Rows), Int(e.Failed), Int(e.Resamples),
            verdict?.Claim.ToSnakeCase() ?? "", verdict?.Status.ToSnakeCase() ?? "", verdict?.Text ?? "",
            seed?.ToString(CultureInfo.InvariantCulture) ?? "",
        ];
        text.Append(string.Join(",", fields.Select(Quote))).Append('\n');
    }

    private static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";
}
