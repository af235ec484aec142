namespace FlatLab.Reporting.Figures;

/// <summary>
/// One ρ of a panel, averaged over its usable seeds: the means of F_min and of the population loss
/// (the same per-ρ means as the summary's "seeds averaged" statistics), and their smallest and largest
/// values over the seeds, drawn as the error bars.
/// </summary>
internal sealed record SeedAveragedPoint(
    double Rho,
    int Seeds,
    double FlatnessMean,
    double FlatnessLow,
    double FlatnessHigh,
    double LossMean,
    double LossLow,
    double LossHigh)
{
    /// <summary>The usable ρ rows of a panel averaged per ρ, ascending in ρ; ρ values without a usable row are left out.</summary>
    public static IReadOnlyList<SeedAveragedPoint> Of(IEnumerable<FlatLab.Experiments.Results.CaseResult> rows) =>
        rows.Where(r => r.IsRho && r.IsUsable && r.FlatnessMin > 0 && r.PopulationLoss > 0)
            .GroupBy(r => r.Rho)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var f = g.OrderBy(r => r.CaseIndex).Select(r => r.FlatnessMin).ToList();
                var l = g.OrderBy(r => r.CaseIndex).Select(r => r.PopulationLoss).ToList();
                return new SeedAveragedPoint(g.Key, f.Count, Mean(f), f.Min(), f.Max(), Mean(l), l.Min(), l.Max());
            })
            .ToList();

    /// <summary>A sum in case order, so the mean is the same bits whatever order the rows came in.</summary>
    private static double Mean(List<double> values)
    {
        var sum = 0.0;
        foreach (var v in values) sum += v;
        return sum / values.Count;
    }
}
