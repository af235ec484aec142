using FlatLab.Experiments.Results;
using ScottPlot;

namespace FlatLab.Reporting.Figures;

/// <summary>
/// Optimizer runs and flattest-interpolator searches on a panel's ρ scatter: each run's trajectory as
/// a line through its recorded (F_min, population loss) points, ending in a larger marker; one style and one
/// legend entry per optimizer run or search (its seeds share them, <see cref="OverlaySeries"/>).
/// </summary>
internal static class OverlayPlot
{
    /// <summary>Adds the overlays; returns every plotted point in log10 coordinates, for the axis limits, and the
    /// legend entries, one per series in <paramref name="series"/> order.</summary>
    public static (IReadOnlyList<(double X, double Y)> Points, IReadOnlyList<LegendItem> Legend) Add(Plot plot, IReadOnlyList<CaseResult> rows,
        IReadOnlyList<OverlaySeries> series)
    {
        var plotted = new List<(double, double)>();
        var legend = new List<LegendItem>();
        foreach (var s in series)
        {
            var drawn = false;
            foreach (var row in rows.Where(r => r.Kind == s.Kind && r.Variant == s.Variant))
            {
                var path = (row.Trajectory ?? [])
                    .Where(p => p.FlatnessMin > 0 && p.PopulationLoss > 0 && double.IsFinite(p.FlatnessMin) && double.IsFinite(p.PopulationLoss))
                    .Select(p => (X: Math.Log10(p.FlatnessMin), Y: Math.Log10(p.PopulationLoss))).ToList();
                if (row.FlatnessMin > 0 && row.PopulationLoss > 0 && double.IsFinite(row.FlatnessMin) && double.IsFinite(row.PopulationLoss))
                    path.Add((Math.Log10(row.FlatnessMin), Math.Log10(row.PopulationLoss)));
                if (path.Count == 0) continue;
                if (path.Count > 1)
                {
                    var line = plot.Add.ScatterLine(path.Select(p => p.X).ToArray(), path.Select(p => p.Y).ToArray(), s.Color.WithAlpha(0.7));
                    line.LineWidth = 1.5f;
                    line.MarkerSize = 4;
                    line.MarkerShape = MarkerShape.FilledCircle;
                }
                var end = plot.Add.Marker(path[^1].X, path[^1].Y, s.Shape, 12, s.Color);
                end.MarkerLineColor = Colors.Black;
                end.MarkerLineWidth = 0.8f;
                plotted.AddRange(path);
                drawn = true;
            }
            if (drawn) legend.Add(Entry(s));
        }
        return (plotted, legend);
    }

    /// <summary>The legend entry: the end marker on a short stretch of the series' line.</summary>
    private static LegendItem Entry(OverlaySeries s) => new()
    {
        LabelText = s.Label,
        MarkerShape = s.Shape,
        MarkerSize = 10,
        MarkerFillColor = s.Color,
        MarkerLineColor = Colors.Black,
        MarkerLineWidth = 0.8f,
        LineWidth = 1.5f,
        LineColor = s.Color,
    };
}
