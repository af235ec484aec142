using FlatLab.Experiments.Analysis;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Runs;

namespace FlatLab.Reporting.Figures;

/// <summary>
/// Every figure of a run, rendered in memory (docs/report.md): per panel one scatter (population loss
/// against F_min, log-log, coloured by ρ, with the optimizer trajectories and search paths of the
/// panel); per figure value (PanelSpec.Figure) a composite of its panels side by side in case order,
/// like the paper's Figures 2, 3 and 4 (panels with an empty figure value share <c>figure-other</c>);
/// per scaling study one plot of its fitted laws. Only usable rows are drawn.
/// </summary>
public static class FigureSet
{
    public const int PanelWidth = 640;
    public const int PanelHeight = 480;
    public const int CellWidth = 560;
    public const int CellHeight = 450;
    public const int ScalingWidth = 900;
    public const int ScalingHeight = 520;

    /// <summary>Renders the figures: panels, then composites, then scaling studies (none of the first two without rows).</summary>
    /// <param name="titles">Panel titles by panel name (PanelSpec.Title); a panel without one is titled by its name.</param>
    /// <param name="scaling">The fitted laws of the run's scaling studies (ScalingAnalysis.Fit); empty without any.</param>
    public static IReadOnlyList<RenderedFigure> Render(IReadOnlyList<CaseResult> rows, IReadOnlyDictionary<string, string>? titles,
        IReadOnlyList<ScalingFit> scaling)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(scaling);
        var figures = new List<RenderedFigure>();
        var panels = rows.OrderBy(r => r.CaseIndex).GroupBy(r => r.Panel).ToList();

        foreach (var panel in panels)
        {
            var title = Title(panel.Key, titles);
            var plot = PanelPlot.Create(panel.ToList(), title);
            figures.Add(new RenderedFigure(RunFolder.PanelFigureStem(panel.Key), title, FigureKind.Panel,
                FigureRenderer.Png([plot], PanelWidth, PanelHeight), FigureRenderer.Svg([plot], PanelWidth, PanelHeight, title)));
        }

        foreach (var figure in panels.GroupBy(p => p.First().Figure))
        {
            var plots = figure.Select(p => PanelPlot.Create(p.ToList(), Title(p.Key, titles))).ToList();
            var title = FigureTitle(figure.Key) + ": " + string.Join("; ", figure.Select(p => Title(p.Key, titles)));
            figures.Add(new RenderedFigure(RunFolder.CompositeFigureStem(figure.Key), title, FigureKind.Composite,
                FigureRenderer.Png(plots, CellWidth, CellHeight), FigureRenderer.Svg(plots, CellWidth, CellHeight, title)));
        }

        foreach (var series in scaling.GroupBy(f => f.Series))
        {
            var plot = ScalingPlot.Create(series.Key, series.ToList());
            var title = $"Scaling study {series.Key}";
            figures.Add(new RenderedFigure(RunFolder.ScalingFigureStem(series.Key), title, FigureKind.Scaling,
                FigureRenderer.Png([plot], ScalingWidth, ScalingHeight), FigureRenderer.Svg([plot], ScalingWidth, ScalingHeight, title)));
        }
        return figures;
    }

    /// <summary>Writes each figure as <c>&lt;stem&gt;.png</c> and <c>&lt;stem&gt;.svg</c> into <paramref name="folder"/>
    /// (created when missing), atomically; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<RenderedFigure> figures, string folder)
    {
        ArgumentNullException.ThrowIfNull(figures);
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var figure in figures)
        {
            var png = Path.Combine(folder, RunFolder.FigureFileName(figure.Stem, "png"));
            var svg = Path.Combine(folder, RunFolder.FigureFileName(figure.Stem, "svg"));
            AtomicFileWriter.Write(png, stream => stream.Write(figure.Png));
            AtomicFileWriter.WriteAllText(svg, figure.Svg);
            written.Add(png);
            written.Add(svg);
        }
        return written;
    }

    public static string FigureTitle(string figure) => string.IsNullOrWhiteSpace(figure) ? "Other panels" : "Figure " + figure;

    private static string Title(string panel, IReadOnlyDictionary<string, string>? titles) =>
        titles is not null && titles.TryGetValue(panel, out var t) && !string.IsNullOrWhiteSpace(t) ? t : panel;
}
