namespace FlatLab.Experiments.Analysis;

/// <summary>One fitted scaling law y ≍ d^slope of a scaling study (docs/theory.md §7).</summary>
/// <param name="Series">The scaling study's name.</param>
/// <param name="Rho">The correlation of the ρ cases fitted (for the separations, the smallest ρ of the grid); NaN for
/// the reference, which does not depend on ρ.</param>
/// <param name="Quantity">What y is: flatness_min, excess_loss, reference_flatness_min, separation_reference
/// (F_min at the smallest ρ over the reference's, per seed) or separation_search (over the flattest converged search).</param>
/// <param name="Points">(d, mean of y over the seeds where it is finite and positive), in increasing d.</param>
/// <param name="Fit">The least-squares fit of log y on log d through the points, with its t interval (which treats the
/// points as independent); null with fewer than three points.</param>
/// <param name="Predicted">The exponent the theory predicts at exactly these dimensions (docs/theory.md §7); NaN where it gives none.</param>
public sealed record ScalingFit(string Series, double Rho, string Quantity, IReadOnlyList<(double D, double Y)> Points,
    SlopeFitResult? Fit, double Predicted)
{
    /// <summary>The exponent's limit as d → ∞ (1/(k+1) for the reference); NaN where the theory gives none.</summary>
    public double AsymptoticExponent { get; init; } = double.NaN;

    /// <summary>The slope with its seed-cluster bootstrap percentile interval (statistic <c>slope</c>); Seeds counts the
    /// seeds with a value at some d, Rows the (d, seed) values used and Failed the (d, seed) cells without one.</summary>
    public required StatisticEstimate Slope { get; init; }

    /// <summary>The verdict on the quantity's claim (<see cref="VerdictRule.JudgeExponent"/>,
    /// <see cref="VerdictRule.JudgeGrowth"/>); null for quantities reported without a claim.</summary>
    public ClaimVerdict? Verdict { get; init; }
}
