namespace FlatLab.Training;

/// <summary>
/// How well a network's directions lie in the true subspace: the distribution over neurons of
/// ρ_j = ‖P_U ŵ_j‖ = ‖U ŵ_j‖ with ŵ_j = w_j / ‖w_j‖ (the correlation of docs/model.md §6; 1 inside span(U),
/// about √(r/d) for a random direction).
/// </summary>
/// <param name="Values">ρ_j per neuron; NaN for a zero or non-finite row (no direction).</param>
/// <param name="Mean">The mean of ρ_j over neurons with a direction.</param>
/// <param name="Quantile10">The 0.1 quantile (linear interpolation between order statistics).</param>
/// <param name="Median">The 0.5 quantile.</param>
/// <param name="Quantile90">The 0.9 quantile.</param>
/// <param name="WeightedMean">Σ_j ω_j ρ_j / Σ_j ω_j with ω_j = |a_j| ‖w_j‖^k, the weight of neuron j in f once
/// its direction is normalised (non-finite ω_j left out); NaN when every ω_j is 0.</param>
/// <param name="RandomBaseline">√(r/d), the root mean square of ρ for directions uniform on the sphere (≥ their mean).</param>
public sealed record AlignmentResult(
    double[] Values,
    double Mean,
    double Quantile10,
    double Median,
    double Quantile90,
    double WeightedMean,
    double RandomBaseline)
{
    /// <summary>The exact mean of ρ for directions uniform on the sphere (<see cref="Alignment.RandomMean"/>): the level
    /// <see cref="Mean"/> sits at when the directions are not learned.</summary>
    public double RandomMean { get; init; } = double.NaN;
}
