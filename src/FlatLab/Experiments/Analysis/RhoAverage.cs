namespace FlatLab.Experiments.Analysis;

/// <summary>Means over the usable seeds at one ρ of a panel.</summary>
/// <param name="Count">Usable rows (seeds) averaged.</param>
public sealed record RhoAverage(double Rho, int Count, double FlatnessMin, double PopulationLoss);
