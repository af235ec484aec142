using System.Globalization;
using FlatLab.Experiments.Analysis;
using ScottPlot;

namespace FlatLab.Reporting.Figures;

/// <summary>
/// A scaling study on log-log axes: F_min against d for each ρ and for the Theorem 4 reference, with
/// the fitted slope (and the predicted one, where the theory gives it) in the legend.
/// </summary>
internal static class ScalingPlot
{
    public static Plot Create(string series, IReadOnlyList<ScalingFit> fits)
    {
        var plot = new Plot();
        plot.Font.Set(FigureFonts.Family);
        plot.Axes.Title.Label.Text = $"Scaling study {series}: F_min against d";
        plot.Axes.Title.Label.FontSize = PanelPlot.TitleSize;
        plot.XLabel("dimension d (n and m proportional)", PanelPlot.LabelSize);
        plot.YLabel("minimum flatness F_min", PanelPlot.LabelSize);
        var palette = new ScottPlot.Palettes.Category10();
        var shown = fits.Where(f => f.Quantity is ScalingAnalysis.FlatnessMin or ScalingAnalysis.ReferenceFlatnessMin && f.Points.Count > 0).ToList();
        var xs = new List<double>();
        var ys = new List<double>();
        for (var i = 0; i < shown.Count; i++)
        {
            var fit = shown[i];
            var x = fit.Points.Select(p => Math.Log10(p.D)).ToArray();
            var y = fit.Points.Select(p => Math.Log10(p.Y)).ToArray();
            var line = plot.Add.Scatter(x, y, palette.GetColor(i));
            line.MarkerSize = 8;
            line.LineWidth = 1.5f;
            line.LegendText = Legend(fit);
            xs.AddRange(x);
            ys.AddRange(y);
        }
        if (xs.Count > 0)
        {
            var (xLow, xHigh) = (xs.Min() - 0.05, xs.Max() + 0.05);
            var (yLow, yHigh) = (ys.Min() - 0.1, ys.Max() + 0.1);
            plot.Axes.SetLimits(xLow, xHigh, yLow, yHigh);
            plot.Axes.Bottom.TickGenerator = LogTicks.Generator(xLow, xHigh);
            plot.Axes.Left.TickGenerator = LogTicks.Generator(yLow, yHigh);
            plot.ShowLegend(Edge.Right);
        }
        return plot;
    }

    private static string Legend(ScalingFit fit)
    {
        var name = fit.Quantity == ScalingAnalysis.ReferenceFlatnessMin ? "Theorem 4 reference" : $"ρ = {fit.Rho.ToString("0.###", CultureInfo.InvariantCulture)}";
        if (fit.Fit is not { } f) return name;
        var e = fit.Slope;
        var slope = e.HasInterval
            ? string.Create(CultureInfo.InvariantCulture, $"{name}: slope {f.Slope:0.00} [{e.Lower:0.00}, {e.Upper:0.00}]")
            : string.Create(CultureInfo.InvariantCulture, $"{name}: slope {f.Slope:0.00}");
        return double.IsNaN(fit.Predicted) ? slope : string.Create(CultureInfo.InvariantCulture, $"{slope}, theory {fit.Predicted:0.00}");
    }
}
