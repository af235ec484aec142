using FlatLab.Reporting.Figures;

namespace FlatLab.Reporting.Runs;

/// <summary>
/// One section of a run's summary: a heading, explanatory paragraphs, and optionally figures (linked
/// from summary.md, embedded in report.html) and a table.
/// </summary>
/// <param name="Level">2 for a section, 3 for a subsection.</param>
public sealed record SummarySection(string Heading, int Level, IReadOnlyList<string> Paragraphs)
{
    public IReadOnlyList<RenderedFigure> Figures { get; init; } = [];

    public SummaryTable? Table { get; init; }
}
