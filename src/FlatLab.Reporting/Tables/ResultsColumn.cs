using FlatLab.Experiments.Results;

namespace FlatLab.Reporting.Tables;

/// <summary>One column of the results table: its snake_case name, type, and how to read and set it on a row.</summary>
public sealed record ResultsColumn(string Name, ResultsColumnKind Kind, Func<CaseResult, object> Get, Func<CaseResult, object, CaseResult> Set);
