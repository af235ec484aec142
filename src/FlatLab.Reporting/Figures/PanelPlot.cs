using System.Globalization;
using FlatLab.Experiments.Analysis;
using FlatLab.Experiments.Results;
using ScottPlot;

namespace FlatLab.Reporting.Figures;

/// <summary>
/// One panel: population loss (y) against F_min (x) on log-log axes, coloured by ρ on a given scale,
/// with the Spearman correlation of what is drawn in a corner. Either every usable ρ case as a dot
/// (<see cref="PanelPoints.Seeds"/>) or one dot per ρ at the means over seeds with the seeds' range as
/// bars (<see cref="PanelPoints.SeedAveraged"/>). Failed ρ cases (no usable solution) are crosses on
/// the top edge in their ρ colour, and counted. Optimizer trajectories and search paths of the panel
/// are overlaid (<see cref="OverlayPlot"/>).
/// </summary>
internal static class PanelPlot
{
    public const float TitleSize = 17;
    public const float LabelSize = 15;
    public const float TickSize = 13;

    public const string XLabel = "minimum flatness Fₘᵢₙ";
    public const string YLabel = "population loss E(f(x) − y)²";
    public const string ColorBarLabel = "correlation ρ of W with span(U)";

    /// <param name="title">The panel's title: its letter (in a composite), its name in words and its sizes.</param>
    /// <param name="scale">The ρ colour scale (shared by the panels of a composite).</param>
    /// <param name="colorBar">Whether the panel draws its own colour bar (a composite draws one for all).</param>
    /// <param name="series">How the panel's optimizer runs and searches are drawn and named (<see cref="OverlaySeries.Of"/>).</param>
    /// <param name="width">The width the panel is drawn at: a legend with overlays takes two columns when they fit in it.</param>
    public static Plot Create(IReadOnlyList<CaseResult> rows, string title, RhoColorScale scale, PanelPoints points, bool colorBar,
        IReadOnlyList<OverlaySeries> series, int width)
    {
        var rhoRows = rows.Where(r => r.IsRho).OrderBy(r => r.CaseIndex).ToList();
        var drawn = rhoRows.Where(r => r.IsUsable && r.FlatnessMin > 0 && r.PopulationLoss > 0).ToList();
        var failed = rhoRows.Where(r => !r.IsUsable).ToList();
        var overlays = rows.Where(r => !r.IsRho).OrderBy(r => r.CaseIndex).ToList();
        var plot = new Plot();
        plot.Font.Set(FigureFonts.Family);
        plot.Axes.Title.Label.Text = title;
        plot.Axes.Title.Label.FontSize = TitleSize;
        plot.Axes.Title.Label.Bold = false;
        plot.XLabel(XLabel, LabelSize);
        plot.YLabel(YLabel, LabelSize);
        plot.Axes.Bottom.Label.Bold = false;
        plot.Axes.Left.Label.Bold = false;
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left, plot.Axes.Right, plot.Axes.Top })
            axis.TickLabelStyle.FontSize = TickSize;

        plot.Axes.Right.MinimumSize = 30; // room for the last x tick label when no colour bar is drawn
        if (colorBar)
        {
            var bar = plot.Add.ColorBar(scale, Edge.Right);
            bar.Label = ColorBarLabel;
            bar.LabelStyle.FontSize = LabelSize;
            bar.LabelStyle.Bold = false;
            bar.Width = 14;
            bar.Axis.TickGenerator = scale.Ticks();
            bar.Axis.TickLabelStyle.FontSize = TickSize;
        }

        var xs = new List<double>();
        var ys = new List<double>();
        SpearmanResult spearman;
        if (points == PanelPoints.SeedAveraged)
        {
            var averaged = SeedAveragedPoint.Of(drawn);
            foreach (var p in averaged)
            {
                var color = scale.GetColor(p.Rho);
                var (x, y) = (Math.Log10(p.FlatnessMean), Math.Log10(p.LossMean));
                if (p.Seeds > 1)
                {
                    Bar(plot, Math.Log10(p.FlatnessLow), y, Math.Log10(p.FlatnessHigh), y, color);
                    Bar(plot, x, Math.Log10(p.LossLow), x, Math.Log10(p.LossHigh), color);
                }
                Dot(plot, x, y, color, 9);
                xs.AddRange([Math.Log10(p.FlatnessLow), Math.Log10(p.FlatnessHigh)]);
                ys.AddRange([Math.Log10(p.LossLow), Math.Log10(p.LossHigh)]);
            }
            spearman = SpearmanCorrelation.Compute(averaged.Select(p => p.FlatnessMean).ToList(), averaged.Select(p => p.LossMean).ToList());
            if (averaged.Count > 0)
            {
                var seeds = drawn.Select(r => r.Repetition).Distinct().Count();
                Legend(plot, MarkerShape.FilledCircle, Colors.Gray, $"mean of {Seeds(seeds)}, bars min–max");
            }
        }
        else
        {
            foreach (var r in drawn)
            {
                var (x, y) = (Math.Log10(r.FlatnessMin), Math.Log10(r.PopulationLoss));
                Dot(plot, x, y, scale.GetColor(r.Rho), 8);
                xs.Add(x);
                ys.Add(y);
            }
            spearman = SpearmanCorrelation.Compute(drawn.Select(r => r.FlatnessMin).ToList(), drawn.Select(r => r.PopulationLoss).ToList());
            if (drawn.Count > 0) Legend(plot, MarkerShape.FilledCircle, Colors.Gray, "one seed at one ρ");
        }

        var (overlaid, overlayLegend) = OverlayPlot.Add(plot, overlays, series);
        xs.AddRange(overlaid.Select(o => o.X));
        ys.AddRange(overlaid.Select(o => o.Y));
        if (xs.Count == 0)
        {
            var empty = plot.Add.Annotation(failed.Count > 0 ? $"no usable cases: {FailedText(failed.Count, rhoRows.Count)}" : "no usable cases", Alignment.MiddleCenter);
            empty.LabelFontSize = LabelSize;
            plot.Axes.SetLimits(-1, 1, -1, 1);
            HideTicks(plot);
            AddFailed(plot, failed, scale, -1, 1, 1);
            return plot;
        }

        var (xLow, xHigh) = Limits(xs);
        var (yLow, yHigh) = Limits(ys);
        if (failed.Count > 0) yHigh += 0.08 * (yHigh - yLow); // a strip along the top for the crosses
        plot.Axes.SetLimits(xLow, xHigh, yLow, yHigh);
        plot.Axes.Bottom.TickGenerator = LogTicks.Generator(xLow, xHigh);
        plot.Axes.Left.TickGenerator = LogTicks.Generator(yLow, yHigh);
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.12);
        plot.Grid.MinorLineColor = Colors.Black.WithAlpha(0.04);
        plot.Grid.MinorLineWidth = 1;
        AddFailed(plot, failed, scale, xLow, xHigh, yHigh - 0.045 * (yHigh - yLow));
        // Always listed, "0 of 48 failed" too: it is worth reading, and panels of a composite keep equal heights.
        Legend(plot, MarkerShape.Eks, Colors.Black, $"no solution: {FailedText(failed.Count, rhoRows.Count)}");

        var note = plot.Add.Annotation(SpearmanText(spearman, points), Alignment.UpperLeft);
        note.LabelFontSize = TickSize;
        note.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
        note.LabelBorderColor = Colors.Black.WithAlpha(0.25);
        note.LabelShadowColor = Colors.Transparent;
        plot.Legend.FontSize = TickSize;
        plot.Legend.ShadowColor = Colors.Transparent;
        if (overlayLegend.Count > 0)
        {
            // The ρ entries first, then one per run or search; in two columns where they fit (the figure grows to hold them).
            plot.Legend.ManualItems.AddRange(overlayLegend);
            plot.Legend.Layout = new ColumnLegendLayout(width - 2 * LegendSideMargin);
        }
        plot.ShowLegend(Edge.Bottom); // below the axes, where it hides no point
        return plot;
    }

    /// <summary>The room left on each side of a legend drawn in columns.</summary>
    private const int LegendSideMargin = 12;

    /// <summary>The legend entries in the order drawn: the ρ entries, then one per optimizer run or search.</summary>
    internal static IReadOnlyList<string> LegendLabels(Plot plot) => plot.Legend.GetItems().Select(i => i.LabelText).ToList();

    /// <summary>How much taller than the plain panel's (two ρ entries, one column) the panel's legend is, in pixels:
    /// the height its figure adds so the data area keeps its size.</summary>
    internal static int ExtraHeight(Plot plot)
    {
        if (plot.Legend.Layout is not ColumnLegendLayout layout) return 0;
        var items = plot.Legend.GetItems();
        var plain = new ColumnLegendLayout(0).Height(plot.Legend, items.Take(2).ToArray());
        return (int)Math.Ceiling(Math.Max(0, layout.Height(plot.Legend, items) - plain));
    }

    /// <summary>"3 of 48 failed": failed ρ cases of the panel, of all its ρ cases.</summary>
    internal static string FailedText(int failed, int total) =>
        string.Create(CultureInfo.InvariantCulture, $"{failed} of {total} failed");

    internal static string SpearmanText(SpearmanResult s, PanelPoints points = PanelPoints.Seeds)
    {
        var what = points == PanelPoints.SeedAveraged ? $"{s.N} ρ values" : $"n = {s.N}";
        return double.IsNaN(s.Rho)
            ? $"Spearman: undefined ({what})"
            : string.Create(CultureInfo.InvariantCulture, $"Spearman {s.Rho:0.00} ({what})");
    }

    private static string Seeds(int count) => count == 1 ? "1 seed" : $"{count} seeds";

    private static void Dot(Plot plot, double x, double y, Color color, float size)
    {
        var marker = plot.Add.Marker(x, y, MarkerShape.FilledCircle, size, color);
        marker.MarkerLineColor = Colors.Black.WithAlpha(0.45);
        marker.MarkerLineWidth = 0.6f;
    }

    private static void Bar(Plot plot, double x1, double y1, double x2, double y2, Color color)
    {
        var line = plot.Add.Line(x1, y1, x2, y2);
        line.LineColor = color.WithAlpha(0.75);
        line.LineWidth = 1.5f;
        line.MarkerSize = 0;
    }

    /// <summary>One cross per failed ρ (seeds at the same ρ share it), spread along the top edge in ρ order, in the ρ colour.</summary>
    private static void AddFailed(Plot plot, IReadOnlyList<CaseResult> failed, RhoColorScale scale, double xLow, double xHigh, double y)
    {
        var rhos = failed.Select(r => r.Rho).Distinct().Order().ToList();
        for (var i = 0; i < rhos.Count; i++)
        {
            var x = xHigh - (xHigh - xLow) * 0.04 * (rhos.Count - i);
            var cross = plot.Add.Marker(x, y, MarkerShape.Eks, 11, scale.GetColor(rhos[i]));
            cross.MarkerLineWidth = 2.5f;
        }
    }

    private static void Legend(Plot plot, MarkerShape shape, Color color, string text) =>
        plot.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = text,
            MarkerShape = shape,
            MarkerSize = 9,
            MarkerFillColor = color,
            MarkerLineColor = shape == MarkerShape.Eks ? color : Colors.Black.WithAlpha(0.45),
            MarkerLineWidth = shape == MarkerShape.Eks ? 2 : 0.6f,
        });

    /// <summary>The data range in log10 units, padded by 6% (at least 0.05 decades) on each side.</summary>
    private static (double Low, double High) Limits(IReadOnlyList<double> logs)
    {
        var low = logs.Min();
        var high = logs.Max();
        var pad = Math.Max(0.06 * (high - low), 0.05);
        return (low - pad, high + pad);
    }

    private static void HideTicks(Plot plot)
    {
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
    }
}
