using System.Net;
using System.Text;
using FlatLab.Experiments.Analysis;

namespace FlatLab.Reporting.Runs;

/// <summary>
/// report.html: one self-contained page (no external files or scripts): the composed figures embedded as
/// base64 SVG images (an &lt;img&gt; keeps each SVG's internal ids apart), the per-panel statistics, the
/// failures and the manifest.
/// </summary>
public static class ReportHtml
{
    public const string FileName = "report.html";

    private const string Css = """
        body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 1400px; padding: 0 1rem; color: #222; line-height: 1.45; }
        h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
        h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
        .muted { color: #666; } figure { margin: 1rem 0 2rem; } figure img { width: 100%; height: auto; border: 1px solid #eee; }
        figcaption { color: #555; font-size: .9rem; margin-top: .3rem; }
        table { border-collapse: collapse; font-size: .88rem; margin: .5rem 0 1rem; }
        th, td { border: 1px solid #ddd; padding: .25rem .55rem; text-align: right; vertical-align: top; }
        th { background: #f5f5f5; } td.text, th.text { text-align: left; }
        code, pre { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .85rem; }
        pre { background: #f7f7f7; padding: .8rem; overflow-x: auto; border: 1px solid #eee; }
        .ok { color: #2a7a2a; } .bad { color: #a33; }
        """;

    /// <param name="figures">Composed figures: (title, SVG text), shown in order.</param>
    public static string Render(SweepSummary summary, RunManifest manifest, IReadOnlyDictionary<string, string> titles,
        IReadOnlyList<(string Title, string Svg)> figures, string manifestJson)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<title>FlatLab sweep ").Append(E(manifest.SpecName)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
        h.Append("<h1>FlatLab sweep <code>").Append(E(manifest.SpecName)).Append("</code></h1>\n");
        h.Append("<p class=\"muted\">").Append(E($"{summary.Total} cases: {summary.Usable} usable, {summary.Failed} left out. "))
         .Append(E($"FlatLab {manifest.FlatlabVersion} (commit {manifest.GitCommit}), {manifest.Runtime}, {manifest.Blas}; "))
         .Append(E($"finished {manifest.FinishedUtc:yyyy-MM-dd HH:mm:ss} UTC, wall time {ReportFormat.Seconds(manifest.WallSeconds)}."))
         .Append("</p>\n");

        h.Append("<h2>Figures</h2>\n<p>Each dot is one case: the flattest interpolator's minimum flatness F_min (x) and its population ")
         .Append("loss (y), both on log scales, coloured by the correlation ρ of the inner weights with the target's subspace. ")
         .Append("A rising cloud (positive Spearman correlation) means flatter interpolators generalise better.</p>\n");
        foreach (var (title, svg) in figures)
        {
            h.Append("<figure><img alt=\"").Append(E(title)).Append("\" src=\"data:image/svg+xml;base64,")
             .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(svg))).Append("\">\n<figcaption>").Append(E(title)).Append("</figcaption></figure>\n");
        }

        h.Append("<h2>Per panel</h2>\n<p>Spearman: rank correlation of F_min and population loss over the usable cases; p: two-sided, ")
         .Append("t approximation. ρ at min F_min: where the flattest interpolator lies; its loss against the panel's best loss as ")
         .Append("ratio (1: flatness chose the best) and difference.</p>\n");
        h.Append("<h3>All seeds</h3>\n");
        Table(h, summary, titles, p => ReportFormat.Cells(p.Spearman, p.Flattest), includeCounts: true);
        h.Append("<h3>Seeds averaged (mean F_min and loss per ρ first)</h3>\n");
        Table(h, summary, titles, p => ReportFormat.Cells(p.SeedAveragedSpearman, p.SeedAveragedFlattest), includeCounts: false);

        h.Append("<h2>Failures</h2>\n");
        if (summary.Failures.Count == 0)
        {
            h.Append("<p class=\"ok\">None: every case is usable.</p>\n");
        }
        else
        {
            h.Append("<p class=\"bad\">").Append(E($"{summary.Failures.Count} cases are left out of the figures and statistics ("))
             .Append(E(string.Join(", ", summary.ByStatus.Where(kv => kv.Key != "solved").Select(kv => $"{kv.Key}: {kv.Value}")))).Append(").</p>\n");
            h.Append("<table>\n<tr><th class=\"text\">case</th><th class=\"text\">status</th><th class=\"text\">message</th></tr>\n");
            foreach (var f in summary.Failures)
                h.Append("<tr><td class=\"text\"><code>").Append(E(f.CaseKey)).Append("</code></td><td class=\"text\">").Append(E(f.Status))
                 .Append("</td><td class=\"text\">").Append(E(f.Message)).Append("</td></tr>\n");
            h.Append("</table>\n");
        }

        h.Append("<h2>Manifest</h2>\n<table>\n");
        foreach (var (key, value) in ManifestRows(manifest))
            h.Append("<tr><th class=\"text\">").Append(E(key)).Append("</th><td class=\"text\">").Append(E(value)).Append("</td></tr>\n");
        h.Append("</table>\n<details><summary>manifest.json (with the spec)</summary>\n<pre>").Append(E(manifestJson)).Append("</pre>\n</details>\n");
        h.Append("</body>\n</html>\n");
        return h.ToString();
    }

    private static IEnumerable<(string, string)> ManifestRows(RunManifest m) =>
    [
        ("spec", m.SpecName), ("FlatLab version", m.FlatlabVersion), ("git commit", m.GitCommit), ("runtime", m.Runtime),
        ("OS", $"{m.Os} ({m.Architecture})"), ("host", m.Host), ("cores", ReportFormat.Int(m.Cores)), ("BLAS", m.Blas),
        ("threads", ReportFormat.Int(m.Threads)), ("shards", string.Join(", ", m.Shards)),
        ("started (UTC)", m.StartedUtc.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)),
        ("finished (UTC)", m.FinishedUtc.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)),
        ("wall time", ReportFormat.Seconds(m.WallSeconds)),
        ("cases", $"{m.CasesTotal} total, {m.CasesSolved} solved, {m.CasesFailed} failed, {m.CasesUsable} usable, {m.CasesResumed} resumed, {m.CasesRan} run"),
        ("mean case time", ReportFormat.Seconds(m.MeanCaseSeconds)), ("mean solve time", ReportFormat.Seconds(m.MeanSolveSeconds)),
    ];

    private static void Table(StringBuilder h, SweepSummary summary, IReadOnlyDictionary<string, string> titles,
        Func<PanelSummary, string[]> cells, bool includeCounts)
    {
        h.Append("<table>\n<tr><th class=\"text\">panel</th><th class=\"text\">title</th><th>figure</th>");
        if (includeCounts) h.Append("<th>cases</th><th>usable</th><th>left out</th>");
        foreach (var header in ReportFormat.StatisticHeaders) h.Append("<th>").Append(E(header)).Append("</th>");
        h.Append("</tr>\n");
        foreach (var p in summary.Panels)
        {
            h.Append("<tr><td class=\"text\"><code>").Append(E(p.Panel)).Append("</code></td><td class=\"text\">")
             .Append(E(titles.TryGetValue(p.Panel, out var t) ? t : "")).Append("</td><td>").Append(E(p.Figure)).Append("</td>");
            if (includeCounts)
                foreach (var n in new[] { p.Total, p.Usable, p.Failed }) h.Append("<td>").Append(ReportFormat.Int(n)).Append("</td>");
            foreach (var cell in cells(p)) h.Append("<td>").Append(E(cell)).Append("</td>");
            h.Append("</tr>\n");
        }
        h.Append("</table>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
