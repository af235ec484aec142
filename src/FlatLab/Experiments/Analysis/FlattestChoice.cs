namespace FlatLab.Experiments.Analysis;

/// <summary>
/// What choosing the flattest interpolator would give: the ρ with the smallest F_min, the population loss
/// there, and how far that is from the best population loss of the panel (docs/model.md §8).
/// </summary>
/// <param name="Rho">ρ of the point with the smallest F_min.</param>
/// <param name="FlatnessMin">That smallest F_min.</param>
/// <param name="PopulationLoss">The population loss at that point.</param>
/// <param name="BestRho">ρ of the point with the smallest population loss.</param>
/// <param name="BestPopulationLoss">The smallest population loss of the panel.</param>
public sealed record FlattestChoice(double Rho, double FlatnessMin, double PopulationLoss, double BestRho, double BestPopulationLoss)
{
    /// <summary>Population loss at the flattest point over the best one (1 means flatness chose the best).</summary>
    public double LossRatio => PopulationLoss / BestPopulationLoss;

    /// <summary>Population loss at the flattest point minus the best one (0 means flatness chose the best).</summary>
    public double LossDifference => PopulationLoss - BestPopulationLoss;

    /// <summary>The choice among points (ρ, F_min, loss); ties in F_min go to the first point. Null for no points.</summary>
    public static FlattestChoice? Of(IReadOnlyList<(double Rho, double FlatnessMin, double PopulationLoss)> points)
    {
        if (points.Count == 0) return null;
        var flattest = points[0];
        var best = points[0];
        foreach (var p in points)
        {
            if (p.FlatnessMin < flattest.FlatnessMin) flattest = p;
            if (p.PopulationLoss < best.PopulationLoss) best = p;
        }
        return new FlattestChoice(flattest.Rho, flattest.FlatnessMin, flattest.PopulationLoss, best.Rho, best.PopulationLoss);
    }
}
