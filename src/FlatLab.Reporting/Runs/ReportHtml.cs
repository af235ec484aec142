using System.Net;
using System.Text;
using FlatLab.Reporting.Figures;

namespace FlatLab.Reporting.Runs;

/// <summary>
/// report.html: a <see cref="RunSummary"/> as one self-contained page (no external files or scripts).
/// The figures are the rendered SVGs, embedded as base64 images (an &lt;img&gt; keeps each SVG's internal
/// ids apart); the manifest is shown in full.
/// </summary>
public static class ReportHtml
{
    private const string Css = """
        body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 1400px; padding: 0 1rem; color: #222; line-height: 1.45; }
        h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
        h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
        .muted { color: #666; } figure { margin: 1rem 0 2rem; } figure img { width: 100%; height: auto; border: 1px solid #eee; }
        figcaption { color: #555; font-size: .9rem; margin-top: .3rem; }
        .table { overflow-x: auto; max-width: 100%; margin: .5rem 0 1rem; }
        table { border-collapse: collapse; font-size: .88rem; }
        th, td { border: 1px solid #ddd; padding: .25rem .55rem; text-align: right; vertical-align: top; }
        th { background: #f5f5f5; } td.text, th.text { text-align: left; }
        code, pre { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .85rem; }
        pre { background: #f7f7f7; padding: .8rem; overflow-x: auto; border: 1px solid #eee; white-space: pre-wrap; overflow-wrap: anywhere; }
        td.text, td code { overflow-wrap: anywhere; }
        @media (max-width: 900px) { body { margin: 1rem auto; padding: 0 .5rem; } table { font-size: .78rem; } th, td { padding: .2rem .35rem; } }
        """;

    public static string Render(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.Append("<title>FlatLab sweep ").Append(E(summary.SpecName)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
        h.Append("<h1>Sweep <code>").Append(E(summary.SpecName)).Append("</code></h1>\n");
        h.Append("<p class=\"muted\">").Append(E(summary.Counts));
        if (summary.Environment.Length > 0) h.Append("<br>\n").Append(E(summary.Environment));
        h.Append("</p>\n");

        foreach (var section in summary.Sections)
        {
            h.Append("<h").Append(section.Level).Append('>').Append(E(section.Heading)).Append("</h").Append(section.Level).Append(">\n");
            foreach (var paragraph in section.Paragraphs) h.Append("<p>").Append(Paragraph(paragraph)).Append("</p>\n");
            foreach (var figure in section.Figures)
                h.Append("<figure><img alt=\"").Append(E(figure.Title)).Append("\" src=\"data:image/svg+xml;base64,")
                 .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(figure.Svg))).Append("\">\n<figcaption>")
                 .Append(E(FigureSet.Caption(figure))).Append("</figcaption></figure>\n");
            if (section.Table is { } table) Table(h, table);
        }

        if (summary.Manifest is { } manifest)
            h.Append("<details><summary>manifest.json (with the spec)</summary>\n<pre>").Append(E(RunManifestJson.Write(manifest)))
             .Append("</pre>\n</details>\n");
        h.Append("</body>\n</html>\n");
        return h.ToString();
    }

    private static void Table(StringBuilder h, SummaryTable table)
    {
        var textColumns = Enumerable.Range(0, table.Headers.Count)
            .Select(j => table.Rows.Count > 0 && table.Rows.All(r => r[j].Kind != SummaryCellKind.Number)).ToArray();
        // A wide table scrolls in its own box, not the page (an 800 px window shows the page without sideways scrolling).
        h.Append("<div class=\"table\"><table>\n<tr>");
        for (var j = 0; j < table.Headers.Count; j++)
            h.Append(textColumns[j] ? "<th class=\"text\">" : "<th>").Append(E(table.Headers[j])).Append("</th>");
        h.Append("</tr>\n");
        foreach (var row in table.Rows)
        {
            h.Append("<tr>");
            foreach (var cell in row)
                h.Append(cell.Kind == SummaryCellKind.Number ? "<td>" : "<td class=\"text\">").Append(Format(cell)).Append("</td>");
            h.Append("</tr>\n");
        }
        h.Append("</table></div>\n");
    }

    private static string Format(SummaryCell cell) => cell.Kind switch
    {
        SummaryCellKind.Code => "<code>" + E(cell.Text) + "</code>",
        SummaryCellKind.Name => "<code>" + E(cell.Text) + "</code>" + (string.IsNullOrWhiteSpace(cell.Note) ? "" : " " + E(cell.Note)),
        _ => E(cell.Text),
    };

    /// <summary>A paragraph's `code` spans (Markdown) as &lt;code&gt;.</summary>
    private static string Paragraph(string text) =>
        System.Text.RegularExpressions.Regex.Replace(E(text), "`([^`]+)`", "<code>$1</code>");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
