namespace FlatLab.Reporting.Runs;

/// <summary>One cell of a summary table, already formatted (invariant culture).</summary>
public sealed record SummaryCell(string Text, SummaryCellKind Kind = SummaryCellKind.Number, string Note = "")
{
    public static SummaryCell Plain(string text) => new(text, SummaryCellKind.Text);

    public static SummaryCell Code(string text) => new(text, SummaryCellKind.Code);

    public static SummaryCell Named(string name, string title) => new(name, SummaryCellKind.Name, title);
}
