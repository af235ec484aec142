using FlatLab.Activations;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Specs;
using FlatLab.Networks;
using FlatLab.Randomness;
using FlatLab.Search;

namespace FlatLab.Experiments.Analysis;

/// <summary>
/// Fits the scaling laws of every scaling study of a sweep (docs/theory.md §7). Each quantity is a per-seed
/// value at each d; its slope is the least-squares slope of log(seed mean) on log d, and its interval comes
/// from the seed-cluster bootstrap (docs/statistics.md §3): the seeds are resampled with replacement, the
/// same picks at every d, each bringing all its rows, and the slope is refitted. Quantities:
/// per ρ, F_min and the excess population loss; the Theorem 4 reference F_min (judged against its
/// predicted exponent); and Theorem 2's separation, F_min at the smallest ρ over the reference's F_min of
/// the same seed (and over the flattest converged search of the same seed, where the sweep has searches on
/// the study's panels), judged by whether it grows with d (<see cref="VerdictRule"/>).
/// </summary>
public static class ScalingAnalysis
{
    /// <summary>Quantity names in scaling.csv.</summary>
    public const string FlatnessMin = "flatness_min", ExcessLoss = "excess_loss", ReferenceFlatnessMin = "reference_flatness_min",
        SeparationReference = "separation_reference", SeparationSearch = "separation_search";

    /// <summary>The fits with the default bootstrap settings and the spec's seed.</summary>
    public static IReadOnlyList<ScalingFit> Fit(SweepSpec spec, IReadOnlyList<CaseResult> rows) =>
        Fit(spec, rows, new StatisticsSettings { Seed = spec?.Seed ?? new StatisticsSettings().Seed });

    public static IReadOnlyList<ScalingFit> Fit(SweepSpec spec, IReadOnlyList<CaseResult> rows, StatisticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var fits = new List<ScalingFit>();
        foreach (var study in spec.Scaling)
        {
            var panels = study.ToPanels().ToList();
            var dimension = panels.ToDictionary(p => p.Name, p => p.D);
            var mine = rows.Where(r => dimension.ContainsKey(r.Panel)).ToList();
            var rhoRows = mine.Where(r => r.IsRho).ToList();
            var rhos = rhoRows.Where(r => r.IsUsable).Select(r => r.Rho).Distinct().Order().ToList();
            var cells = Cells(mine, dimension);
            var seeds = cells.Keys.Select(k => k.Repetition).Distinct().Order().ToArray();
            var dims = panels.Select(p => (double)p.D).ToArray();
            var stream = $"bootstrap/scaling/{study.Name}/";

            ScalingFit Law(string quantity, double rho, Func<Cell, double> value, double predicted, double asymptotic, ClaimKind? claim)
            {
                var fit = Bootstrap(cells, seeds, dims, value, settings, stream + quantity + "/" + rho.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                ClaimVerdict? verdict = claim switch
                {
                    ClaimKind.ExponentMatchesPrediction => VerdictRule.JudgeExponent(fit.Estimate, predicted),
                    ClaimKind.GrowsWithDimension => VerdictRule.JudgeGrowth(fit.Estimate),
                    _ => null,
                };
                return new ScalingFit(study.Name, rho, quantity, fit.Points, fit.Ols, predicted)
                {
                    AsymptoticExponent = asymptotic,
                    Slope = fit.Estimate,
                    Verdict = verdict,
                };
            }

            foreach (var rho in rhos)
            {
                fits.Add(Law(FlatnessMin, rho, c => c.Flatness.GetValueOrDefault(rho, double.NaN), double.NaN, double.NaN, null));
                fits.Add(Law(ExcessLoss, rho, c => c.Excess.GetValueOrDefault(rho, double.NaN), double.NaN, double.NaN, null));
            }
            var k = study.Panel.Activation.K;
            fits.Add(Law(ReferenceFlatnessMin, double.NaN, c => c.Reference, ReferenceExponent(panels, study.Panel.Activation),
                1.0 / (k + 1), ClaimKind.ExponentMatchesPrediction));
            if (rhos.Count > 0)
            {
                var low = rhos[0];
                fits.Add(Law(SeparationReference, low, c => c.Flatness.GetValueOrDefault(low, double.NaN) / c.Reference,
                    double.NaN, double.NaN, ClaimKind.GrowsWithDimension));
                if (mine.Any(r => r.Kind == CaseKind.Search))
                    fits.Add(Law(SeparationSearch, low, c => c.Flatness.GetValueOrDefault(low, double.NaN) / c.Search,
                        double.NaN, double.NaN, ClaimKind.GrowsWithDimension));
            }
        }
        return fits;
    }

    /// <summary>
    /// The exponent the Theorem 4 reference should show over exactly these panels: the least-squares slope in
    /// d of F_ref with S and T at their Gaussian means (docs/theory.md §7), F_ref ∝ m^{1−p} E_S^{1/(k+1)}
    /// E_T(d)^{k/(k+1)} (the powers of n cancel). It tends to 1/(k+1) as d grows; for ReLU (E_T = d/2) it is
    /// exactly 1/2, for the quadratic (E_T = 4d + 8) it is below 1/3 at small d.
    /// </summary>
    public static double ReferenceExponent(IReadOnlyList<PanelSpec> panels, Activation sigma)
    {
        ArgumentNullException.ThrowIfNull(panels);
        ArgumentNullException.ThrowIfNull(sigma);
        if (panels.Count < 3) return double.NaN;
        var k = sigma.K;
        var s = FeatureExpectations.PerSampleS(sigma);
        var y = panels.Select(p => Math.Pow(p.M, 1 - sigma.P) * Math.Pow(s, 1.0 / (k + 1))
                                   * Math.Pow(FeatureExpectations.PerSampleT(sigma, p.D), (double)k / (k + 1))).ToList();
        return SlopeFit.Fit(panels.Select(p => (double)p.D).ToList(), y).Slope;
    }

    /// <summary>One seed of one dimension: F_min and excess loss per ρ (usable rows), the reference's F_min, the flattest converged search.</summary>
    private sealed class Cell
    {
        public Dictionary<double, double> Flatness { get; } = [];
        public Dictionary<double, double> Excess { get; } = [];
        public double Reference { get; set; } = double.NaN;
        public double Search { get; set; } = double.NaN;
    }

    private static Dictionary<(int D, int Repetition), Cell> Cells(List<CaseResult> rows, Dictionary<string, int> dimension)
    {
        var cells = new Dictionary<(int, int), Cell>();
        foreach (var r in rows.OrderBy(r => r.CaseIndex))
        {
            var key = (dimension[r.Panel], r.Repetition);
            if (!cells.TryGetValue(key, out var cell)) cells[key] = cell = new Cell();
            // The reference is a property of the seed's data: any ρ row that computed it carries it.
            if (r.IsRho && double.IsNaN(cell.Reference) && double.IsFinite(r.ReferenceFlatnessMin)) cell.Reference = r.ReferenceFlatnessMin;
            if (r.IsRho && r.IsUsable)
            {
                cell.Flatness[r.Rho] = r.FlatnessMin;
                cell.Excess[r.Rho] = r.ExcessLoss;
            }
            // Only a converged search is evidence of the flattest F_min; a capped or failed one is an upper bound at best.
            if (r.Kind == CaseKind.Search && r.IsUsable && r.SearchStatus == SearchStatus.Converged && !(r.FlatnessMin >= cell.Search))
                cell.Search = r.FlatnessMin;
        }
        return cells;
    }

    private sealed record BootstrapFit(List<(double D, double Y)> Points, SlopeFitResult? Ols, StatisticEstimate Estimate);

    private static BootstrapFit Bootstrap(Dictionary<(int D, int Repetition), Cell> cells, int[] seeds, double[] dims,
        Func<Cell, double> value, StatisticsSettings settings, string stream)
    {
        var all = Enumerable.Range(0, seeds.Length).ToArray();
        var points = Means(cells, seeds, all, dims, value);
        var ols = points.Count >= 3 ? SlopeFit.Fit(points.Select(p => p.D).ToList(), points.Select(p => p.Y).ToList()) : null;
        var point = ols?.Slope ?? double.NaN;
        var used = seeds.Where(s => dims.Any(d => cells.TryGetValue(((int)d, s), out var c) && Positive(value(c)))).Count();
        var rows = dims.Sum(d => seeds.Count(s => cells.TryGetValue(((int)d, s), out var c) && Positive(value(c))));
        var missing = dims.Sum(d => seeds.Count(s => cells.TryGetValue(((int)d, s), out var c) && !Positive(value(c))));
        var random = new RandomSource(RandomSource.DeriveSeed(settings.Seed, stream));
        var replicates = new List<double>(settings.Resamples);
        var pick = new int[seeds.Length];
        for (var b = 0; b < settings.Resamples && seeds.Length > 0; b++)
        {
            for (var i = 0; i < pick.Length; i++) pick[i] = (int)(random.NextDouble() * seeds.Length);
            var slope = Slope(Means(cells, seeds, pick, dims, value));
            if (double.IsFinite(slope)) replicates.Add(slope);
        }
        var (lower, upper) = (double.NaN, double.NaN);
        if (double.IsFinite(point) && replicates.Count > 0 && 2 * replicates.Count >= settings.Resamples)
        {
            replicates.Sort();
            var alpha = 1 - settings.Level;
            (lower, upper) = (SeedClusterBootstrap.Quantile(replicates, alpha / 2), SeedClusterBootstrap.Quantile(replicates, 1 - alpha / 2));
        }
        var estimate = new StatisticEstimate(StatisticNames.Slope, StatisticsSettings.FullRange, point, lower, upper, settings.Level,
            used, rows, missing, replicates.Count);
        return new BootstrapFit(points, ols, estimate);
    }

    /// <summary>At each d, the mean over the picked seeds (with repeats) of the finite positive values (a log needs them).</summary>
    private static List<(double D, double Y)> Means(Dictionary<(int D, int Repetition), Cell> cells, int[] seeds, int[] pick,
        double[] dims, Func<Cell, double> value)
    {
        var points = new List<(double, double)>();
        foreach (var d in dims)
        {
            double sum = 0;
            var count = 0;
            foreach (var i in pick)
                if (cells.TryGetValue(((int)d, seeds[i]), out var cell) && Positive(value(cell)))
                {
                    sum += value(cell);
                    count++;
                }
            if (count > 0) points.Add((d, sum / count));
        }
        return points;
    }

    private static bool Positive(double y) => double.IsFinite(y) && y > 0;

    /// <summary>The least-squares slope of log y on log d; NaN with fewer than three points.</summary>
    private static double Slope(List<(double D, double Y)> points)
    {
        if (points.Count < 3) return double.NaN;
        double mx = 0, my = 0;
        foreach (var (d, y) in points)
        {
            mx += Math.Log(d);
            my += Math.Log(y);
        }
        mx /= points.Count;
        my /= points.Count;
        double sxx = 0, sxy = 0;
        foreach (var (d, y) in points)
        {
            sxx += (Math.Log(d) - mx) * (Math.Log(d) - mx);
            sxy += (Math.Log(d) - mx) * (Math.Log(y) - my);
        }
        return sxx > 0 ? sxy / sxx : double.NaN;
    }
}
