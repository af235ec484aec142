using System.Text;
using System.Text.RegularExpressions;
using FlatLab.Experiments.Runs;
using FlatLab.Reporting.Figures;

namespace FlatLab.Reporting.Runs;

/// <summary>summary.md: a <see cref="RunSummary"/> as Markdown; figures are linked as the PNGs in figures/.</summary>
public static class SummaryMarkdown
{
    public static string Render(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var md = new StringBuilder();
        md.Append("# Sweep `").Append(summary.SpecName).Append("`\n\n");
        md.Append(summary.Counts).Append('\n');
        if (summary.Environment.Length > 0) md.Append(summary.Environment).Append('\n');
        foreach (var section in summary.Sections)
        {
            md.Append('\n').Append('#', section.Level).Append(' ').Append(section.Heading).Append("\n\n");
            foreach (var paragraph in section.Paragraphs) md.Append(paragraph).Append("\n\n");
            foreach (var figure in section.Figures)
                md.Append("![").Append(Cell(figure.Title)).Append("](")
                  .Append(RunFolder.FigureFile(figure.Stem, "png").Replace('\\', '/')).Append(")\n\n")
                  .Append('*').Append(Cell(FigureSet.Caption(figure)).Replace("*", "\\*")).Append("*\n\n");
            if (section.Table is { } table) Table(md, table);
        }
        // Sections end in a blank line and start with one: keep one.
        return Regex.Replace(md.ToString(), "\n{3,}", "\n\n").TrimEnd('\n') + "\n";
    }

    private static void Table(StringBuilder md, SummaryTable table)
    {
        md.Append("| ").Append(string.Join(" | ", table.Headers.Select(Cell))).Append(" |\n");
        md.Append('|').Append(string.Concat(Enumerable.Repeat("---|", table.Headers.Count))).Append('\n');
        foreach (var row in table.Rows) md.Append("| ").Append(string.Join(" | ", row.Select(Format))).Append(" |\n");
        md.Append('\n');
    }

    private static string Format(SummaryCell cell) => cell.Kind switch
    {
        SummaryCellKind.Code => "`" + cell.Text.Replace("`", "'") + "`",
        SummaryCellKind.Name => Cell(string.IsNullOrWhiteSpace(cell.Note) ? cell.Text : $"{cell.Text} ({cell.Note})"),
        _ => Cell(cell.Text),
    };

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");
}
