namespace FlatLab.Bench;

/// <summary>One cell of the comparison: a method on an instance, or why it was not run.</summary>
/// <param name="Rank">rank Φ by construction: n, or less with duplicated samples.</param>
/// <param name="Seconds">Wall time of the solve (best of the repetitions); NaN when not run.</param>
/// <param name="Ratio">Seconds / FlatLab's seconds on the same instance.</param>
/// <param name="Iterations">Iterations, or null when the method does not report them.</param>
/// <param name="RelativeDifference">|objective − FlatLab's| / |FlatLab's|.</param>
/// <param name="Status">The method's own status, or "skipped (...)" / "failed: ...".</param>
/// <param name="Note">Repetitions, residual, gap: what a reader needs to trust the cell.</param>
public sealed record BenchRow(
    int N, int M, int D, int Rank, string Activation, double P, string Method,
    double Seconds, double Ratio, int? Iterations, double Objective, double RelativeDifference,
    string Status, string Note);
