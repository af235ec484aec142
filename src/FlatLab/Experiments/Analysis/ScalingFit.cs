
namespace FlatLab.Experiments.Analysis;

/// <summary>One fitted scaling law y ≍ d^slope of a scaling study (docs/theory.md §7).</summary>
/// <param name="Series">The scaling study's name.</param>
/// <param name="Rho">The correlation of the ρ cases fitted; NaN for quantities that do not depend on ρ.</param>
/// <param name="Quantity">What y is: flatness_min, excess_loss, reference_flatness_min, or separation
/// (F_min at the smallest ρ over F_min at the largest).</param>
/// <param name="Fit">The log-log least-squares fit with its 95% interval; null with fewer than three usable points.</param>
/// <param name="Predicted">The exponent the theory predicts (docs/theory.md §7); NaN where it gives none.</param>
public sealed record ScalingFit(string Series, double Rho, string Quantity, IReadOnlyList<(double D, double Y)> Points,
    SlopeFitResult? Fit, double Predicted);
