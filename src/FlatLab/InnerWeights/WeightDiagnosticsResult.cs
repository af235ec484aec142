namespace FlatLab.InnerWeights;

/// <summary>
/// Diagnostics of inner weights on a sample (docs/model.md §6): how well separated the directions are and how
/// well conditioned the activation matrix Φ is.
/// </summary>
/// <param name="Separation">max_{j≠l} |ŵ_j · ŵ_l| over the unit-normalised rows (Def. 2, condition 1); NaN when m = 1.</param>
/// <param name="LargestSingularValue">σ_max(Φ).</param>
/// <param name="SmallestSingularValue">σ_min(Φ), the min(n, m)-th singular value; 0 when Φ is numerically rank deficient.</param>
/// <param name="ConditionNumber">σ_max / σ_min; +∞ when Φ is numerically rank deficient.</param>
/// <param name="RankTolerance">The eigenvalue threshold of the Gram matrix below which Φ counts as rank deficient.</param>
public sealed record WeightDiagnosticsResult(
    double Separation,
    double LargestSingularValue,
    double SmallestSingularValue,
    double ConditionNumber,
    double RankTolerance);
