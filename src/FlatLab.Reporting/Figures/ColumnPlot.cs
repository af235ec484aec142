using System.Globalization;
using FlatLab.Experiments.Results;
using FlatLab.Reporting.Tables;
using ScottPlot;

namespace FlatLab.Reporting.Figures;

/// <summary>
/// Draws one column of a results table against another (<see cref="ColumnPlotSpec"/>), every row that has
/// finite values (positive ones on a log axis) as a dot; the rows left out are counted in the legend.
/// A numeric colour column gets a Viridis scale with a colour bar, any other one colour per value with a legend.
/// </summary>
public static class ColumnPlot
{
    /// <summary>Columns that can be an axis: the numeric ones of the results table.</summary>
    public static IReadOnlyList<string> NumericColumns { get; } =
        ResultsColumns.All.Where(c => IsNumeric(c.Kind)).Select(c => c.Name).ToList();

    /// <summary>Checks the spec against the results schema; returns null when it is valid, else a message naming
    /// the option at fault (<c>--x</c>, <c>--y</c>, <c>--color</c>, <c>--size</c>) and what would be valid.</summary>
    public static string? Check(ColumnPlotSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        foreach (var (option, name) in new[] { ("--x", spec.X), ("--y", spec.Y) })
        {
            var column = Find(name);
            if (column is null) return $"{option}: '{name}' is not a column of the results table; numeric columns: {string.Join(", ", NumericColumns)}.";
            if (!IsNumeric(column.Kind))
                return $"{option}: column '{name}' holds {Describe(column.Kind)}, not numbers; numeric columns: {string.Join(", ", NumericColumns)}.";
        }
        if (spec.Color is { } color && Find(color) is null)
            return $"--color: '{color}' is not a column of the results table; columns: {string.Join(", ", ResultsColumns.All.Select(c => c.Name))}.";
        if (spec.Width is < MinSize or > MaxSize || spec.Height is < MinSize or > MaxSize)
            return string.Create(CultureInfo.InvariantCulture,
                $"--size: {spec.Width}x{spec.Height} is out of range; width and height must lie in [{MinSize}, {MaxSize}] pixels.");
        return null;
    }

    public const int MinSize = 200;
    public const int MaxSize = 4000;

    /// <summary>Draws the plot. Throws <see cref="ArgumentException"/> with <see cref="Check"/>'s message on an invalid spec.</summary>
    public static RenderedFigure Render(IReadOnlyList<CaseResult> rows, ColumnPlotSpec spec)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (Check(spec) is { } problem) throw new ArgumentException(problem, nameof(spec));
        var x = Find(spec.X)!;
        var y = Find(spec.Y)!;
        var color = spec.Color is null ? null : Find(spec.Color);

        var points = new List<(double X, double Y, CaseResult Row)>();
        var leftOut = 0;
        foreach (var row in rows.OrderBy(r => r.CaseIndex))
        {
            var (px, py) = (Number(x.Get(row)), Number(y.Get(row)));
            if (!double.IsFinite(px) || !double.IsFinite(py) || (spec.LogX && px <= 0) || (spec.LogY && py <= 0)) { leftOut++; continue; }
            points.Add((spec.LogX ? Math.Log10(px) : px, spec.LogY ? Math.Log10(py) : py, row));
        }

        var plot = new Plot();
        plot.Font.Set(FigureFonts.Family);
        var title = $"{spec.Y} against {spec.X}" + (color is null ? "" : $", coloured by {color.Name}");
        plot.Axes.Title.Label.Text = title;
        plot.Axes.Title.Label.FontSize = PanelPlot.TitleSize;
        plot.Axes.Title.Label.Bold = false;
        plot.XLabel(Label(x), PanelPlot.LabelSize);
        plot.YLabel(Label(y), PanelPlot.LabelSize);
        plot.Axes.Bottom.Label.Bold = false;
        plot.Axes.Left.Label.Bold = false;
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left, plot.Axes.Right, plot.Axes.Top })
            axis.TickLabelStyle.FontSize = PanelPlot.TickSize;
        plot.Axes.Right.MinimumSize = 30;

        if (color is null)
            foreach (var p in points) Dot(plot, p.X, p.Y, Colors.C0);
        else if (IsNumeric(color.Kind)) DrawNumericColors(plot, points, color);
        else DrawCategories(plot, points, color);

        if (points.Count == 0)
        {
            var empty = plot.Add.Annotation("no row has values to draw", Alignment.MiddleCenter);
            empty.LabelFontSize = PanelPlot.LabelSize;
        }
        else
        {
            Limits(plot, points.Select(p => p.X).ToList(), spec.LogX, plot.Axes.Bottom, horizontal: true);
            Limits(plot, points.Select(p => p.Y).ToList(), spec.LogY, plot.Axes.Left, horizontal: false);
        }
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.12);
        plot.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = string.Create(CultureInfo.InvariantCulture,
                $"{points.Count} rows drawn, {leftOut} left out (NaN{(spec.LogX || spec.LogY ? " or not positive on a log axis" : "")})"),
            MarkerShape = MarkerShape.None,
        });
        plot.Legend.FontSize = PanelPlot.TickSize;
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.ShowLegend(Edge.Bottom);

        return new RenderedFigure(spec.Stem, title, FigureKind.Columns,
            FigureRenderer.Png([plot], spec.Width, spec.Height),
            FigureRenderer.Svg([plot], spec.Width, spec.Height, title),
            FigureRenderer.Pdf([plot], spec.Width, spec.Height, title));
    }

    private static void DrawNumericColors(Plot plot, List<(double X, double Y, CaseResult Row)> points, ResultsColumn color)
    {
        var values = points.Select(p => Number(color.Get(p.Row))).ToList();
        var finite = values.Where(double.IsFinite).ToList();
        var (low, high) = finite.Count > 0 ? (finite.Min(), finite.Max()) : (0.0, 1.0);
        if (!(high > low)) { low -= 0.5; high += 0.5; }
        var colormap = new ScottPlot.Colormaps.Viridis();
        for (var i = 0; i < points.Count; i++)
            Dot(plot, points[i].X, points[i].Y, double.IsFinite(values[i]) ? colormap.GetColor((values[i] - low) / (high - low)) : Colors.Gray);
        var bar = plot.Add.ColorBar(new LinearColorScale(colormap, low, high), Edge.Right);
        bar.Label = color.Name;
        bar.LabelStyle.FontSize = PanelPlot.LabelSize;
        bar.LabelStyle.Bold = false;
        bar.Width = 14;
        bar.Axis.TickLabelStyle.FontSize = PanelPlot.TickSize;
    }

    private static void DrawCategories(Plot plot, List<(double X, double Y, CaseResult Row)> points, ResultsColumn color)
    {
        var palette = new ScottPlot.Palettes.Category10();
        var categories = points.Select(p => Text(color.Get(p.Row))).Distinct().ToList();
        foreach (var p in points) Dot(plot, p.X, p.Y, palette.GetColor(categories.IndexOf(Text(color.Get(p.Row)))));
        foreach (var (category, i) in categories.Select((c, i) => (c, i)))
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = $"{color.Name} = {(category.Length == 0 ? "(empty)" : category)}",
                MarkerShape = MarkerShape.FilledCircle,
                MarkerSize = 9,
                MarkerFillColor = palette.GetColor(i),
                MarkerLineColor = Colors.Black.WithAlpha(0.45),
                MarkerLineWidth = 0.6f,
            });
    }

    private static void Limits(Plot plot, IReadOnlyList<double> values, bool log, IAxis axis, bool horizontal)
    {
        var (low, high) = (values.Min(), values.Max());
        var pad = Math.Max(0.06 * (high - low), log ? 0.05 : Math.Max(Math.Abs(high) * 0.05, 1e-12));
        (low, high) = (low - pad, high + pad);
        if (horizontal) plot.Axes.SetLimitsX(low, high);
        else plot.Axes.SetLimitsY(low, high);
        if (log) axis.TickGenerator = LogTicks.Generator(low, high);
    }

    private static void Dot(Plot plot, double x, double y, Color color)
    {
        var marker = plot.Add.Marker(x, y, MarkerShape.FilledCircle, 8, color);
        marker.MarkerLineColor = Colors.Black.WithAlpha(0.45);
        marker.MarkerLineWidth = 0.6f;
    }

    private static string Label(ResultsColumn column) => column.Unit is "" or "–" ? column.Name : $"{column.Name} ({column.Unit})";

    private static ResultsColumn? Find(string name) => ResultsColumns.All.FirstOrDefault(c => c.Name == name);

    private static bool IsNumeric(ResultsColumnKind kind) => kind is ResultsColumnKind.Double or ResultsColumnKind.Int or ResultsColumnKind.UInt64;

    private static string Describe(ResultsColumnKind kind) => kind switch
    {
        ResultsColumnKind.String => "text",
        ResultsColumnKind.Enum => "names (an enum)",
        ResultsColumnKind.Bool => "true/false",
        _ => kind.ToString(),
    };

    private static double Number(object value) => value switch
    {
        double d => d,
        int i => i,
        ulong u => u,
        long l => l,
        _ => double.NaN,
    };

    private static string Text(object value) => value switch
    {
        bool b => b ? "true" : "false",
        Enum e => SnakeCaseEnum.Name(e.GetType(), e),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };

    /// <summary>A colour axis over [low, high] for the colour bar.</summary>
    private sealed class LinearColorScale(IColormap colormap, double low, double high) : IHasColorAxis
    {
        public IColormap Colormap { get; set; } = colormap;

        public ScottPlot.Range GetRange() => new(low, high);
    }
}
