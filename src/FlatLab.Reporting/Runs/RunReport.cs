using FlatLab.Experiments.Analysis;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Specs;
using FlatLab.Reporting.Figures;
using FlatLab.Reporting.Io;
using FlatLab.Reporting.Tables;

namespace FlatLab.Reporting.Runs;

/// <summary>
/// Writes the full report of a run into its folder: results.csv, results.parquet, manifest.json,
/// summary.md, report.html and figures/ (docs/report.md describes each). Every file is written
/// atomically, so a reader sees an old or a complete file, never a partial one.
/// </summary>
public static class RunReport
{
    public const string FiguresFolder = "figures";

    public static void Write(string folder, SweepSpec spec, IReadOnlyList<CaseResult> rows, RunManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(manifest);
        Directory.CreateDirectory(folder);
        var titles = spec.AllPanels.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First().Title);

        ResultsTable.WriteCsv(Path.Combine(folder, ResultsTable.CsvFileName), rows);
        ResultsTable.WriteParquet(Path.Combine(folder, ResultsTable.ParquetFileName), rows);
        TrajectoryTable.Write(folder, rows);
        var manifestJson = RunManifestJson.Write(manifest);
        AtomicFileWriter.WriteAllText(Path.Combine(folder, RunManifestJson.FileName), manifestJson + "\n");

        var summary = SweepAnalysis.Summarize(rows);
        var figures = new List<(string Title, string Svg)>();
        if (rows.Count > 0)
        {
            var figureFolder = Path.Combine(folder, FiguresFolder);
            var written = FigureSet.Draw(rows, figureFolder, titles);
            var ordered = rows.OrderBy(r => r.CaseIndex).ToList();
            foreach (var figure in ordered.Select(r => r.Figure).Distinct())
            {
                var svg = Path.Combine(figureFolder, FigureSet.FigureFileStem(figure) + ".svg");
                if (written.Contains(svg)) figures.Add((FigureSet.FigureTitle(figure), File.ReadAllText(svg)));
            }
        }

        var scaling = ScalingReport.Write(folder, spec, rows);
        AtomicFileWriter.WriteAllText(Path.Combine(folder, SummaryMarkdown.FileName), SummaryMarkdown.Render(summary, manifest, titles) + scaling);
        AtomicFileWriter.WriteAllText(Path.Combine(folder, ReportHtml.FileName), ReportHtml.Render(summary, manifest, titles, figures, manifestJson));
    }
}
