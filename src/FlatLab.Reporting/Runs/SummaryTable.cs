namespace FlatLab.Reporting.Runs;

/// <summary>A table of a summary section: headers and rows of formatted cells.</summary>
public sealed record SummaryTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<SummaryCell>> Rows);
