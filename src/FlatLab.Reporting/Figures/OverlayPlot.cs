using FlatLab.Experiments.Results;
using ScottPlot;

namespace FlatLab.Reporting.Figures;

/// <summary>
/// Optimizer runs and flattest-interpolator searches on a panel's ρ scatter: each run's trajectory as
/// a line through its recorded (F_min, population loss) points, ending in a larger marker; one colour
/// and legend entry per optimizer or search name (its seeds share them).
/// </summary>
internal static class OverlayPlot
{
    private static readonly MarkerShape[] Shapes =
        [MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.FilledSquare, MarkerShape.FilledTriangleDown, MarkerShape.Eks, MarkerShape.Cross];

    /// <summary>Adds the overlays; returns every plotted point in log10 coordinates, for the axis limits.</summary>
    public static IReadOnlyList<(double X, double Y)> Add(Plot plot, IReadOnlyList<CaseResult> rows)
    {
        var plotted = new List<(double, double)>();
        var palette = new ScottPlot.Palettes.Category10();
        var variants = rows.Select(r => (r.Kind, r.Variant)).Distinct().ToList();
        for (var v = 0; v < variants.Count; v++)
        {
            var (kind, name) = variants[v];
            var color = palette.GetColor(v + 1); // colour 0 is close to Viridis' blue end
            var shape = Shapes[v % Shapes.Length];
            var labelled = false;
            foreach (var row in rows.Where(r => r.Kind == kind && r.Variant == name))
            {
                var path = (row.Trajectory ?? [])
                    .Where(p => p.FlatnessMin > 0 && p.PopulationLoss > 0 && double.IsFinite(p.FlatnessMin) && double.IsFinite(p.PopulationLoss))
                    .Select(p => (X: Math.Log10(p.FlatnessMin), Y: Math.Log10(p.PopulationLoss))).ToList();
                if (row.FlatnessMin > 0 && row.PopulationLoss > 0 && double.IsFinite(row.FlatnessMin) && double.IsFinite(row.PopulationLoss))
                    path.Add((Math.Log10(row.FlatnessMin), Math.Log10(row.PopulationLoss)));
                if (path.Count == 0) continue;
                if (path.Count > 1)
                {
                    var line = plot.Add.ScatterLine(path.Select(p => p.X).ToArray(), path.Select(p => p.Y).ToArray(), color.WithAlpha(0.7));
                    line.LineWidth = 1.5f;
                    line.MarkerSize = 4;
                    line.MarkerShape = MarkerShape.FilledCircle;
                }
                var end = plot.Add.Marker(path[^1].X, path[^1].Y, shape, 13, color);
                end.MarkerLineColor = Colors.Black;
                end.MarkerLineWidth = 0.8f;
                if (!labelled)
                {
                    end.LegendText = $"{SnakeCaseEnum.Name(kind)} {name}";
                    labelled = true;
                }
                plotted.AddRange(path);
            }
        }
        return plotted; // the panel shows the legend
    }
}
