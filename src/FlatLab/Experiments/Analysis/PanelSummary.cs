namespace FlatLab.Experiments.Analysis;

/// <summary>
/// The per-panel statistics of a sweep (docs/model.md §8), over the usable rows only
/// (<see cref="Results.CaseResult.IsUsable"/>).
/// </summary>
/// <param name="Total">Rows of the panel.</param>
/// <param name="Usable">Rows that enter the statistics and figures.</param>
/// <param name="Spearman">Spearman correlation of F_min and population loss over all usable rows.</param>
/// <param name="Flattest">The flattest point over all usable rows; null when none is usable.</param>
/// <param name="SeedAveragedSpearman">The same over the points (mean F_min, mean loss) per ρ, means over seeds.</param>
/// <param name="SeedAveragedFlattest">The flattest of those per-ρ means.</param>
/// <param name="SeedAveraged">The per-ρ means, ascending in ρ.</param>
public sealed record PanelSummary(
    string Panel,
    string Figure,
    int Total,
    int Solved,
    int Usable,
    SpearmanResult Spearman,
    FlattestChoice? Flattest,
    SpearmanResult SeedAveragedSpearman,
    FlattestChoice? SeedAveragedFlattest,
    IReadOnlyList<RhoAverage> SeedAveraged)
{
    public int Failed => Total - Usable;
}
