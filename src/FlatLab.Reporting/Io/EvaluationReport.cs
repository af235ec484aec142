using FlatLab.Evaluation;

namespace FlatLab.Reporting.Io;

/// <summary>Everything <c>evaluation.json</c> records about one evaluated network (fields in docs/cli.md).</summary>
public sealed record EvaluationReport
{
    public required NetworkEvaluationSpec Spec { get; init; }
    public required NetworkEvaluationResult Result { get; init; }
    /// <summary>The seed of Monte Carlo fallbacks.</summary>
    public ulong Seed { get; init; }
    /// <summary>The kernels' name (OpenBLAS or managed).</summary>
    public required string Kernels { get; init; }
    public required string Version { get; init; }
}
