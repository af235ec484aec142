using System.Globalization;
using FlatLab.Experiments.Analysis;

namespace FlatLab.Reporting.Runs;

/// <summary>Number spellings shared by summary.md and report.html (invariant culture, 4 significant digits).</summary>
internal static class ReportFormat
{
    public static string Number(double v) =>
        double.IsNaN(v) ? "–" : double.IsPositiveInfinity(v) ? "∞" : double.IsNegativeInfinity(v) ? "−∞" : v.ToString("G4", CultureInfo.InvariantCulture);

    public static string Correlation(double v) => double.IsNaN(v) ? "–" : v.ToString("0.000", CultureInfo.InvariantCulture);

    public static string PValue(double p) =>
        double.IsNaN(p) ? "–" : p < 1e-4 ? "< 1e-4" : p.ToString("0.0000", CultureInfo.InvariantCulture);

    public static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    public static string Seconds(double s) => double.IsNaN(s) ? "–" : s.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    /// <summary>The cells of one panel row: Spearman, n, p, flattest ρ, loss there, best loss, its ρ, ratio, difference.</summary>
    public static string[] Cells(SpearmanResult s, FlattestChoice? c) =>
    [
        Correlation(s.Rho), Int(s.N), PValue(s.PValue),
        c is null ? "–" : Number(c.Rho), c is null ? "–" : Number(c.PopulationLoss),
        c is null ? "–" : Number(c.BestPopulationLoss), c is null ? "–" : Number(c.BestRho),
        c is null ? "–" : Number(c.LossRatio), c is null ? "–" : Number(c.LossDifference),
    ];

    public static readonly string[] StatisticHeaders =
        ["Spearman", "n", "p", "ρ at min F_min", "loss there", "best loss", "ρ at best", "ratio", "difference"];
}
