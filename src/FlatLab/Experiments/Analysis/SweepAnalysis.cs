using System.Globalization;
using FlatLab.Experiments.Results;

namespace FlatLab.Experiments.Analysis;

/// <summary>
/// Summarises a results table per panel: does a flatter interpolator (smaller F_min) generalise better
/// (smaller population loss)? Only usable rows count; the others are counted and listed with their message.
/// </summary>
public static class SweepAnalysis
{
    public static SweepSummary Summarize(IReadOnlyList<CaseResult> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var ordered = rows.OrderBy(r => r.CaseIndex).ToList();
        // The flatness–generalization statistics are about the ρ cases; optimizer runs and searches are
        // reported on their own (docs/optimizers.md).
        var panels = ordered.Where(r => r.IsRho).GroupBy(r => r.Panel).Select(g => SummarizePanel(g.ToList())).ToList();
        var byStatus = ordered.GroupBy(r => r.Status).OrderBy(g => g.Key.ToSnakeCase(), StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, g.Count())).ToList();
        var failures = ordered.Where(r => !r.IsUsable).Select(Failure).ToList();
        return new SweepSummary(ordered.Count, ordered.Count(r => r.Status.IsUsable()), ordered.Count(r => r.IsUsable),
            byStatus, panels, failures);
    }

    /// <summary>The statistics of one panel's rows (all rows must belong to that panel).</summary>
    public static PanelSummary SummarizePanel(IReadOnlyList<CaseResult> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("A panel summary needs at least one row.", nameof(rows));
        var panel = rows[0].Panel;
        var other = rows.FirstOrDefault(r => r.Panel != panel);
        if (other is not null) throw new ArgumentException($"Rows of panels '{panel}' and '{other.Panel}' are mixed.", nameof(rows));

        var usable = rows.Where(r => r.IsUsable).OrderBy(r => r.CaseIndex).ToList();
        var points = usable.Select(r => (r.Rho, r.FlatnessMin, r.PopulationLoss)).ToList();
        var averaged = usable.GroupBy(r => r.Rho).OrderBy(g => g.Key)
            .Select(g => new RhoAverage(g.Key, g.Count(), g.Average(r => r.FlatnessMin), g.Average(r => r.PopulationLoss)))
            .ToList();
        var averagedPoints = averaged.Select(a => (a.Rho, a.FlatnessMin, a.PopulationLoss)).ToList();

        return new PanelSummary(
            panel,
            rows[0].Figure,
            rows.Count,
            rows.Count(r => r.Status.IsUsable()),
            usable.Count,
            SpearmanCorrelation.Compute(points.Select(p => p.FlatnessMin).ToList(), points.Select(p => p.PopulationLoss).ToList()),
            FlattestChoice.Of(points),
            SpearmanCorrelation.Compute(averaged.Select(a => a.FlatnessMin).ToList(), averaged.Select(a => a.PopulationLoss).ToList()),
            FlattestChoice.Of(averagedPoints),
            averaged);
    }

    private static FailedCase Failure(CaseResult r)
    {
        var message = r.Status.IsUsable() && string.IsNullOrEmpty(r.Message)
            ? string.Create(CultureInfo.InvariantCulture, $"solved, but F_min = {r.FlatnessMin} and population loss = {r.PopulationLoss} are not both finite")
            : r.Message;
        return new FailedCase(r.CaseKey, r.Panel, r.Status, message);
    }
}
