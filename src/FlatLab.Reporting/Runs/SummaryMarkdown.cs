using System.Text;
using FlatLab.Experiments.Analysis;

namespace FlatLab.Reporting.Runs;

/// <summary>summary.md: counts, the per-panel statistics (all seeds, then seeds averaged) and the failures.</summary>
public static class SummaryMarkdown
{
    public const string FileName = "summary.md";

    public static string Render(SweepSummary summary, RunManifest manifest, IReadOnlyDictionary<string, string> titles)
    {
        var md = new StringBuilder();
        md.Append("# Sweep `").Append(manifest.SpecName).Append("`\n\n");
        md.Append($"{summary.Total} cases: {summary.Usable} usable, {summary.Failed} left out")
          .Append(summary.ByStatus.Count > 0 ? " (" + string.Join(", ", summary.ByStatus.Select(kv => $"{kv.Key}: {kv.Value}")) + ")" : "")
          .Append(".\n");
        md.Append($"FlatLab {manifest.FlatlabVersion} (commit {manifest.GitCommit}), {manifest.Runtime}, {manifest.Blas}, ")
          .Append($"{manifest.Threads} threads on {manifest.Cores} cores, wall time {ReportFormat.Seconds(manifest.WallSeconds)}.\n\n");
        md.Append("Spearman: rank correlation of F_min and population loss over usable cases (positive: flatter generalises better); ")
          .Append("p: two-sided, t approximation. ρ at min F_min: the ρ of the flattest interpolator; loss there against the best ")
          .Append("loss of the panel as ratio (1 = flatness picked the best) and difference (0 = the same).\n\n");

        md.Append("## Per panel, all seeds\n\n");
        Table(md, summary, titles, p => ReportFormat.Cells(p.Spearman, p.Flattest), includeCounts: true);
        md.Append("\n## Per panel, seeds averaged (mean F_min and loss per ρ first)\n\n");
        Table(md, summary, titles, p => ReportFormat.Cells(p.SeedAveragedSpearman, p.SeedAveragedFlattest), includeCounts: false);

        md.Append("\n## Failures\n\n");
        if (summary.Failures.Count == 0)
        {
            md.Append("None: every case is usable.\n");
        }
        else
        {
            md.Append($"{summary.Failures.Count} cases are left out of figures and statistics.\n\n");
            md.Append("| case | status | message |\n|---|---|---|\n");
            foreach (var f in summary.Failures)
                md.Append($"| `{f.CaseKey}` | {Cell(f.Status)} | {Cell(f.Message)} |\n");
        }
        return md.ToString();
    }

    private static void Table(StringBuilder md, SweepSummary summary, IReadOnlyDictionary<string, string> titles,
        Func<PanelSummary, string[]> cells, bool includeCounts)
    {
        var headers = new List<string> { "panel", "figure" };
        if (includeCounts) headers.AddRange(["cases", "usable", "left out"]);
        headers.AddRange(ReportFormat.StatisticHeaders);
        md.Append("| ").Append(string.Join(" | ", headers)).Append(" |\n");
        md.Append('|').Append(string.Concat(Enumerable.Repeat("---|", headers.Count))).Append('\n');
        foreach (var p in summary.Panels)
        {
            var row = new List<string> { Cell(PanelName(p.Panel, titles)), Cell(p.Figure) };
            if (includeCounts) row.AddRange([ReportFormat.Int(p.Total), ReportFormat.Int(p.Usable), ReportFormat.Int(p.Failed)]);
            row.AddRange(cells(p));
            md.Append("| ").Append(string.Join(" | ", row)).Append(" |\n");
        }
    }

    internal static string PanelName(string panel, IReadOnlyDictionary<string, string> titles) =>
        titles.TryGetValue(panel, out var t) && !string.IsNullOrWhiteSpace(t) ? $"{panel} ({t})" : panel;

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");
}
