using System.Globalization;
using FlatLab.Experiments.Analysis;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Runs;
using FlatLab.Experiments.Specs;

namespace FlatLab.Reporting.Figures;

/// <summary>
/// Every figure of a run, rendered in memory (docs/report.md): per panel one plot of population loss
/// against F_min (log-log, coloured by ρ), one dot per ρ at the means over seeds with the seeds' range
/// as bars, with the optimizer trajectories and search paths of the panel (<c>panel-&lt;name&gt;</c>);
/// per figure value (PanelSpec.Figure) a composite of its panels in case order, lettered (a), (b), ...,
/// like the paper's Figures 2, 3 and 4, seed-averaged (<c>figure-&lt;figure&gt;</c>) and with every seed
/// (<c>figure-&lt;figure&gt;-seeds</c>), its panels sharing one ρ colour scale and colour bar (panels
/// with an empty figure value share <c>figure-other</c>); per scaling study one plot of its fitted laws.
/// Each as PNG, SVG and PDF.
/// </summary>
public static class FigureSet
{
    public const int PanelWidth = 640;
    public const int PanelHeight = 500;
    public const int CellWidth = 560;
    public const int CellHeight = 470;
    public const int ScalingWidth = 900;
    public const int ScalingHeight = 520;

    /// <summary>Renders the figures: panels, then composites (seed-averaged, then every seed, per figure
    /// value), then scaling studies (none of the first two without rows).</summary>
    /// <param name="titles">Panel titles by panel name (PanelSpec.Title); a panel without one is titled by its name.</param>
    /// <param name="scaling">The fitted laws of the run's scaling studies (ScalingAnalysis.Fit); empty without any.</param>
    /// <param name="spec">The run's spec, for the legend's words for its optimizer runs and searches and their styles
    /// (a colour per method, a marker and line per parameterisation); without it they are named by their variant.</param>
    public static IReadOnlyList<RenderedFigure> Render(IReadOnlyList<CaseResult> rows, IReadOnlyDictionary<string, string>? titles,
        IReadOnlyList<ScalingFit> scaling, SweepSpec? spec = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(scaling);
        var figures = new List<RenderedFigure>();
        var panels = rows.OrderBy(r => r.CaseIndex).GroupBy(r => r.Panel).ToList();

        foreach (var panel in panels)
        {
            var panelRows = panel.ToList();
            var title = Title(panel.Key, titles);
            var plot = PanelPlot.Create(panelRows, WithSizes(title, panelRows), Scale(panelRows), PanelPoints.SeedAveraged, colorBar: true,
                OverlaySeries.Of(panelRows, spec), PanelWidth);
            figures.Add(Rendered(RunFolder.PanelFigureStem(panel.Key), title, FigureKind.Panel, [plot], PanelWidth,
                PanelHeight + PanelPlot.ExtraHeight(plot), null));
        }

        foreach (var figure in panels.GroupBy(p => p.First().Figure))
        {
            var members = figure.Select(p => (Rows: (IReadOnlyList<CaseResult>)p.ToList(), Title: Title(p.Key, titles))).ToList();
            var scale = Scale(members.SelectMany(m => m.Rows).ToList());
            var bar = new SharedColorBar(scale, PanelPlot.ColorBarLabel);
            var lettered = members.Select((m, i) => $"({Letter(i)}) {m.Title}").ToList();
            foreach (var (points, stem, kind, what) in new[]
            {
                (PanelPoints.SeedAveraged, RunFolder.CompositeFigureStem(figure.Key), FigureKind.Composite, "means over seeds"),
                (PanelPoints.Seeds, RunFolder.CompositeSeedsFigureStem(figure.Key), FigureKind.CompositeSeeds, "every seed"),
            })
            {
                var plots = members.Select((m, i) => PanelPlot.Create(m.Rows, WithSizes(lettered[i], m.Rows), scale, points, colorBar: false,
                    OverlaySeries.Of(m.Rows, spec), CellWidth)).ToList();
                var title = $"{FigureTitle(figure.Key)} ({what}): {string.Join("; ", lettered)}";
                figures.Add(Rendered(stem, title, kind, plots, CellWidth, CellHeight + plots.Max(PanelPlot.ExtraHeight), bar));
            }
        }

        foreach (var series in scaling.GroupBy(f => f.Series))
        {
            var plot = ScalingPlot.Create(series.Key, series.ToList());
            figures.Add(Rendered(RunFolder.ScalingFigureStem(series.Key), $"Scaling study {series.Key}", FigureKind.Scaling, [plot], ScalingWidth, ScalingHeight, null));
        }
        return figures;
    }

    /// <summary>Writes each figure as <c>&lt;stem&gt;.png</c>, <c>.svg</c> and <c>.pdf</c> (or only the given formats) into
    /// <paramref name="folder"/> (created when missing), atomically; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<RenderedFigure> figures, string folder, IReadOnlyCollection<FigureFormat>? formats = null)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var chosen = formats is { Count: > 0 } ? formats : [FigureFormat.Png, FigureFormat.Svg, FigureFormat.Pdf];
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var figure in figures)
            foreach (var format in new[] { FigureFormat.Png, FigureFormat.Svg, FigureFormat.Pdf }.Where(chosen.Contains))
            {
                var path = Path.Combine(folder, RunFolder.FigureFileName(figure.Stem, format.ToString().ToLowerInvariant()));
                switch (format)
                {
                    case FigureFormat.Png: AtomicFileWriter.Write(path, stream => stream.Write(figure.Png)); break;
                    case FigureFormat.Svg: AtomicFileWriter.WriteAllText(path, figure.Svg); break;
                    default: AtomicFileWriter.Write(path, stream => stream.Write(figure.Pdf)); break;
                }
                written.Add(path);
            }
        return written;
    }

    /// <summary>The caption under a figure in the report: its title, then what it plots and how to read it.</summary>
    public static string Caption(RenderedFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var what = figure.Kind switch
        {
            FigureKind.Panel or FigureKind.Composite =>
                "Population loss (y) against the minimum flatness F_min (x), both on log scales; one dot per ρ at the means over " +
                "seeds, bars spanning the seeds' range, coloured by ρ; crosses mark cases left out, paths the optimizer runs and searches.",
            FigureKind.CompositeSeeds =>
                "Population loss (y) against the minimum flatness F_min (x), both on log scales; one dot per case (every seed), coloured by ρ.",
            FigureKind.Scaling => "F_min and the losses against the input dimension d on log-log axes, with the fitted power laws.",
            _ => "",
        };
        return what.Length == 0 ? figure.Title : $"{figure.Title}. {what}";
    }

    public static string FigureTitle(string figure) => string.IsNullOrWhiteSpace(figure) ? "Other panels" : "Figure " + figure;

    /// <summary>The panel letters of a composite: a … z, then aa, ab, ….</summary>
    internal static string Letter(int index) =>
        index < 26 ? ((char)('a' + index)).ToString() : Letter(index / 26 - 1) + Letter(index % 26);

    /// <summary>A panel's plot title: its title, and on a second line its sizes unless the title already states them.</summary>
    internal static string WithSizes(string title, IReadOnlyList<CaseResult> rows)
    {
        var sizes = Sizes(rows);
        return title.Contains(sizes, StringComparison.Ordinal) ? title : title + "\n" + sizes;
    }

    /// <summary>"d = 30, n = 400, m = 800": the sizes of a panel's ρ cases (a range where they vary).</summary>
    internal static string Sizes(IReadOnlyList<CaseResult> rows) =>
        $"d = {Range(rows.Select(r => r.D))}, n = {Range(rows.Select(r => r.N))}, m = {Range(rows.Select(r => r.M))}";

    private static string Range(IEnumerable<int> values)
    {
        var list = values.ToList();
        if (list.Count == 0) return "?";
        var (low, high) = (list.Min(), list.Max());
        return low == high ? low.ToString(CultureInfo.InvariantCulture) : $"{low.ToString(CultureInfo.InvariantCulture)}–{high.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The ρ colour scale over every ρ case of the rows, failed ones included (their crosses take its colours).</summary>
    private static RhoColorScale Scale(IReadOnlyList<CaseResult> rows) =>
        new(rows.Where(r => r.IsRho && double.IsFinite(r.Rho)).Select(r => r.Rho).ToList(), new ScottPlot.Colormaps.Viridis());

    private static RenderedFigure Rendered(string stem, string title, FigureKind kind, IReadOnlyList<ScottPlot.Plot> plots, int width, int height, SharedColorBar? bar) =>
        new(stem, title, kind,
            FigureRenderer.Png(plots, width, height, bar),
            FigureRenderer.Svg(plots, width, height, title, bar),
            FigureRenderer.Pdf(plots, width, height, title, bar));

    private static string Title(string panel, IReadOnlyDictionary<string, string>? titles) =>
        titles is not null && titles.TryGetValue(panel, out var t) && !string.IsNullOrWhiteSpace(t) ? t : panel;
}
