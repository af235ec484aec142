using FlatLab.Experiments.Results;

namespace FlatLab.Reporting.Figures;

/// <summary>
/// The figures of a results table: per panel <c>&lt;panel&gt;.png</c> and <c>.svg</c> (population loss against
/// F_min, log-log, coloured by ρ), and per figure value (PanelSpec.Figure) a composite
/// <c>figure-&lt;figure&gt;.png</c> and <c>.svg</c> with its panels side by side in case order, like the paper's
/// Figures 2, 3 and 4. Panels with an empty figure value share <c>figure-other</c>. Only usable rows are drawn.
/// </summary>
public static class FigureSet
{
    public const int PanelWidth = 640;
    public const int PanelHeight = 480;
    public const int CellWidth = 560;
    public const int CellHeight = 450;

    public static IReadOnlyList<string> Draw(IReadOnlyList<CaseResult> rows, string folder) => Draw(rows, folder, null);

    /// <param name="titles">Panel titles by panel name (PanelSpec.Title); a panel without one is titled by its name.</param>
    public static IReadOnlyList<string> Draw(IReadOnlyList<CaseResult> rows, string folder, IReadOnlyDictionary<string, string>? titles)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(folder);
        if (rows.Count == 0) throw new ArgumentException("There are no rows to draw.", nameof(rows));
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        var panels = rows.OrderBy(r => r.CaseIndex).GroupBy(r => r.Panel).ToList();

        foreach (var panel in panels)
        {
            var title = Title(panel.Key, titles);
            var plot = PanelPlot.Create(panel.ToList(), title);
            var png = Path.Combine(folder, FileStem(panel.Key) + ".png");
            var svg = Path.Combine(folder, FileStem(panel.Key) + ".svg");
            FigureRenderer.SavePng(png, [plot], PanelWidth, PanelHeight);
            FigureRenderer.SaveSvg(svg, [plot], PanelWidth, PanelHeight, title);
            written.Add(png);
            written.Add(svg);
        }

        foreach (var figure in panels.GroupBy(p => p.First().Figure))
        {
            var name = FigureFileStem(figure.Key);
            var plots = figure.Select(p => PanelPlot.Create(p.ToList(), Title(p.Key, titles))).ToList();
            var title = FigureTitle(figure.Key) + ": " + string.Join("; ", figure.Select(p => Title(p.Key, titles)));
            var png = Path.Combine(folder, name + ".png");
            var svg = Path.Combine(folder, name + ".svg");
            FigureRenderer.SavePng(png, plots, CellWidth, CellHeight);
            FigureRenderer.SaveSvg(svg, plots, CellWidth, CellHeight, title);
            written.Add(png);
            written.Add(svg);
        }
        return written;
    }

    /// <summary>The composite's file name without extension: "figure-2" for figure "2".</summary>
    public static string FigureFileStem(string figure) => "figure-" + (string.IsNullOrWhiteSpace(figure) ? "other" : FileStem(figure));

    public static string FigureTitle(string figure) => string.IsNullOrWhiteSpace(figure) ? "Other panels" : "Figure " + figure;

    /// <summary>A name safe in any file system: letters, digits, '-' and '_' kept, anything else '-'.</summary>
    public static string FileStem(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());

    private static string Title(string panel, IReadOnlyDictionary<string, string>? titles) =>
        titles is not null && titles.TryGetValue(panel, out var t) && !string.IsNullOrWhiteSpace(t) ? t : panel;
}
