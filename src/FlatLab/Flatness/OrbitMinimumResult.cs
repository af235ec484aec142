using FlatLab.Networks;

namespace FlatLab.Flatness;

/// <summary>
/// The flattest point of a network's rescaling orbit (docs/model.md §4).
/// </summary>
/// <param name="FlatnessMin">F_min(a, W) = (2/n)(k+1)k^{−k/(k+1)} Σ_j |â_j|^p S_j^{1/(k+1)} T_j^{k/(k+1)},
/// with â_j = ‖w_j‖^k a_j the outer weight once w_j is normalised.</param>
/// <param name="Scales">t_j, to apply to the given W (not its normalised rows) with <see cref="Rescaling.Apply"/>;
/// 1 for a neuron that contributes 0 (a_j = 0, or S_j = 0 or T_j = 0), whose infimum is not attained.</param>
/// <param name="Contributions">Each neuron's share of <paramref name="FlatnessMin"/> (they sum to it).</param>
/// <param name="Minimiser">The network (t_j^{−k} a_j, t_j w_j) at those scales.</param>
public sealed record OrbitMinimumResult(
    double FlatnessMin,
    double[] Scales,
    double[] Contributions,
    NetworkParameters Minimiser);
