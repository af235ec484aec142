namespace FlatLab.Population;

/// <summary>The population loss L_D = E (f(x) − y)² of docs/model.md §7, noise included.</summary>
/// <param name="Loss">L_D, so L_D ≥ s² up to the stated error.</param>
/// <param name="StandardError">0 for Exact; the quadrature error estimate for Quadrature; the Monte Carlo standard error for MonteCarlo.</param>
/// <param name="Method">How <paramref name="Loss"/> was obtained.</param>
/// <param name="SignalPower">E[g²], exact when possible, else estimated on the same sample.</param>
/// <param name="NoiseVariance">s².</param>
/// <param name="SampleSize">The Monte Carlo sample size; 0 otherwise.</param>
public sealed record PopulationLossResult(
    double Loss,
    double StandardError,
    PopulationLossMethod Method,
    double SignalPower,
    double NoiseVariance,
    int SampleSize)
{
    /// <summary>L_D − s².</summary>
    public double ExcessLoss => Loss - NoiseVariance;
}
