using FlatLab.Experiments.Results;

namespace FlatLab.Experiments.Analysis;

/// <summary>A case left out of figures and statistics: its key, status and message.</summary>
public sealed record FailedCase(string CaseKey, string Panel, CaseStatus Status, string Message);
