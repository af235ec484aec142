using FlatLab.Experiments.Results;
using FlatLab.Experiments.Specs;

namespace FlatLab.Experiments.Analysis;

/// <summary>
/// Fits the scaling laws of every scaling study of a sweep (docs/theory.md §7): per ρ, the
/// seed-averaged F_min and excess population loss against d; the Theorem 4 reference F_min, whose
/// exponent 1/(k+1) follows from the orbit-minimum formula with n ∝ d and m ∝ n; and the separation
/// F_min(smallest ρ) / F_min(largest ρ), which the paper's Theorem 2 says grows with d.
/// </summary>
public static class ScalingAnalysis
{
    public static IReadOnlyList<ScalingFit> Fit(SweepSpec spec, IReadOnlyList<CaseResult> rows)
    {
        var fits = new List<ScalingFit>();
        foreach (var study in spec.Scaling)
        {
            var k = study.Panel.Activation.K;
            var byPanel = study.ToPanels().ToDictionary(p => p.Name, p => p.D);
            var cases = rows.Where(r => r.IsRho && r.IsUsable && byPanel.ContainsKey(r.Panel)).ToList();
            var rhos = cases.Select(r => r.Rho).Distinct().Order().ToList();
            foreach (var rho in rhos)
            {
                var at = cases.Where(r => r.Rho == rho).ToList();
                fits.Add(Law(study.Name, rho, "flatness_min", Means(at, byPanel, r => r.FlatnessMin), double.NaN));
                fits.Add(Law(study.Name, rho, "excess_loss", Means(at, byPanel, r => r.ExcessLoss), double.NaN));
            }
            fits.Add(Law(study.Name, double.NaN, "reference_flatness_min", Means(cases, byPanel, r => r.ReferenceFlatnessMin), 1.0 / (k + 1)));
            if (rhos.Count >= 2)
            {
                var low = Means(cases.Where(r => r.Rho == rhos[0]).ToList(), byPanel, r => r.FlatnessMin).ToDictionary(p => p.D, p => p.Y);
                var high = Means(cases.Where(r => r.Rho == rhos[^1]).ToList(), byPanel, r => r.FlatnessMin).ToDictionary(p => p.D, p => p.Y);
                var ratio = low.Keys.Where(high.ContainsKey).Order().Select(d => (d, low[d] / high[d])).ToList();
                fits.Add(Law(study.Name, double.NaN, "separation", ratio, double.NaN));
            }
        }
        return fits;
    }

    /// <summary>The mean of a quantity over seeds at each d, where it is finite and positive (a log needs it).</summary>
    private static List<(double D, double Y)> Means(IReadOnlyList<CaseResult> rows, Dictionary<string, int> dimension,
        Func<CaseResult, double> value) =>
        rows.Where(r => double.IsFinite(value(r)) && value(r) > 0)
            .GroupBy(r => dimension[r.Panel]).OrderBy(g => g.Key)
            .Select(g => ((double)g.Key, g.Average(value))).ToList();

    private static ScalingFit Law(string series, double rho, string quantity, List<(double D, double Y)> points, double predicted) =>
        new(series, rho, quantity, points,
            points.Count >= 3 ? SlopeFit.Fit(points.Select(p => p.D).ToList(), points.Select(p => p.Y).ToList()) : null,
            predicted);
}
