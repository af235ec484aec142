namespace FlatLab.InnerWeights;

/// <summary>
/// The flatness of the paper's Theorem 4 reference interpolator on a sample (docs/theory.md §2).
/// </summary>
/// <param name="FlatnessMin">F_min of the reference network's rescaling orbit on the sample (docs/model.md §4); the
/// flatness on the orbit when it interpolates, else the minimum of the Gauss–Newton part. NaN when the model has
/// no reference interpolator.</param>
/// <param name="Interpolates">max_i |f(x_i) − y_i| ≤ 1e-8 · max(1, max_i |y_i|): true for noiseless labels.</param>
/// <param name="MaxAbsResidual">max_i |f(x_i) − y_i|; NaN without a reference.</param>
/// <param name="UnitLpNorm">Σ_j |a_j|^p of the reference with unit-norm rows; NaN without a reference.</param>
/// <param name="Reason">Why there is no reference interpolator; null when there is one.</param>
public sealed record ReferenceFlatnessResult(
    double FlatnessMin,
    bool Interpolates,
    double MaxAbsResidual,
    double UnitLpNorm,
    string? Reason)
{
    public bool IsAvailable => Reason is null;
}
