namespace FlatLab.Experiments.Analysis;

/// <summary>
/// An ordinary least-squares line log y = Intercept + Slope · log x (natural logarithms), i.e. y ≈ e^Intercept x^Slope.
/// </summary>
/// <param name="Slope">The fitted exponent α.</param>
/// <param name="Intercept">log C.</param>
/// <param name="StandardError">The standard error of the slope, √(s²/Σ(log x − mean)²), s² = RSS/(N − 2).</param>
/// <param name="Lower95">Slope − t_{0.975, N−2} · StandardError.</param>
/// <param name="Upper95">Slope + t_{0.975, N−2} · StandardError.</param>
/// <param name="RSquared">1 − RSS/TSS on the log scale (1 when every log y is equal and the fit is exact).</param>
/// <param name="N">The number of points.</param>
public sealed record SlopeFitResult(
    double Slope,
    double Intercept,
    double StandardError,
    double Lower95,
    double Upper95,
    double RSquared,
    int N);
