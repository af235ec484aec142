using System.Globalization;
using FlatLab.Experiments.Analysis;
using FlatLab.Experiments.Results;
using ScottPlot;

namespace FlatLab.Reporting.Figures;

/// <summary>
/// One panel: population loss (y) against F_min (x) on log-log axes, one dot per usable ρ case coloured by
/// ρ, a colour bar, and the Spearman correlation (of the ρ cases) in a corner; optimizer trajectories
/// and search paths of the same panel are overlaid (<see cref="OverlayPlot"/>). Rows that are not
/// usable, or not positive in either coordinate (no place on a log axis), are left out.
/// </summary>
internal static class PanelPlot
{
    public const float TitleSize = 17;
    public const float LabelSize = 15;
    public const float TickSize = 13;

    public static Plot Create(IReadOnlyList<CaseResult> rows, string title)
    {
        var points = rows.Where(r => r.IsRho && r.IsUsable && r.FlatnessMin > 0 && r.PopulationLoss > 0).OrderBy(r => r.CaseIndex).ToList();
        var overlays = rows.Where(r => !r.IsRho).OrderBy(r => r.CaseIndex).ToList();
        var plot = new Plot();
        plot.Font.Set(FigureFonts.Family);
        plot.Axes.Title.Label.Text = title;
        plot.Axes.Title.Label.FontSize = TitleSize;
        plot.Axes.Title.Label.Bold = true;
        plot.XLabel("minimum flatness F_min", LabelSize);
        plot.YLabel("population loss", LabelSize);
        plot.Axes.Bottom.Label.Bold = false;
        plot.Axes.Left.Label.Bold = false;
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left, plot.Axes.Right, plot.Axes.Top })
            axis.TickLabelStyle.FontSize = TickSize;

        var scale = new RhoColorScale(points.Select(r => r.Rho).ToList(), new ScottPlot.Colormaps.Viridis());
        foreach (var r in points)
        {
            var marker = plot.Add.Marker(Math.Log10(r.FlatnessMin), Math.Log10(r.PopulationLoss), MarkerShape.FilledCircle, 8, scale.GetColor(r.Rho));
            marker.MarkerLineColor = Colors.Black.WithAlpha(0.45);
            marker.MarkerLineWidth = 0.6f;
        }

        var bar = plot.Add.ColorBar(scale, Edge.Right);
        bar.Label = "correlation ρ";
        bar.LabelStyle.FontSize = LabelSize;
        bar.LabelStyle.Bold = false;
        bar.Width = 14;
        bar.Axis.TickGenerator = scale.Ticks();
        bar.Axis.TickLabelStyle.FontSize = TickSize;

        var overlaid = OverlayPlot.Add(plot, overlays);
        if (points.Count == 0 && overlaid.Count == 0)
        {
            var empty = plot.Add.Annotation("no usable cases", Alignment.MiddleCenter);
            empty.LabelFontSize = LabelSize;
            plot.Axes.SetLimits(-1, 1, -1, 1);
            HideTicks(plot);
            return plot;
        }

        var (xLow, xHigh) = Limits(points.Select(r => Math.Log10(r.FlatnessMin)).Concat(overlaid.Select(o => o.X)));
        var (yLow, yHigh) = Limits(points.Select(r => Math.Log10(r.PopulationLoss)).Concat(overlaid.Select(o => o.Y)));
        plot.Axes.SetLimits(xLow, xHigh, yLow, yHigh);
        plot.Axes.Bottom.TickGenerator = LogTicks.Generator(xLow, xHigh);
        plot.Axes.Left.TickGenerator = LogTicks.Generator(yLow, yHigh);
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.12);
        plot.Grid.MinorLineColor = Colors.Black.WithAlpha(0.04);
        plot.Grid.MinorLineWidth = 1;

        var spearman = SpearmanCorrelation.Compute(points.Select(r => r.FlatnessMin).ToList(), points.Select(r => r.PopulationLoss).ToList());
        var note = plot.Add.Annotation(SpearmanText(spearman), Alignment.UpperLeft);
        note.LabelFontSize = TickSize;
        note.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
        note.LabelBorderColor = Colors.Black.WithAlpha(0.25);
        note.LabelShadowColor = Colors.Transparent;
        return plot;
    }

    internal static string SpearmanText(SpearmanResult s) =>
        double.IsNaN(s.Rho)
            ? string.Create(CultureInfo.InvariantCulture, $"Spearman: undefined (n = {s.N})")
            : string.Create(CultureInfo.InvariantCulture, $"Spearman {s.Rho:0.00} (n = {s.N})");

    /// <summary>The data range in log10 units, padded by 6% (at least 0.05 decades) on each side.</summary>
    private static (double Low, double High) Limits(IEnumerable<double> logs)
    {
        var list = logs.ToList();
        var low = list.Min();
        var high = list.Max();
        var pad = Math.Max(0.06 * (high - low), 0.05);
        return (low - pad, high + pad);
    }

    private static void HideTicks(Plot plot)
    {
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
    }
}
