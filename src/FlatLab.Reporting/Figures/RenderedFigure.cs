namespace FlatLab.Reporting.Figures;

/// <summary>
/// One figure, rendered once in memory: the PNG bytes and the SVG text the exporters write as
/// <c>&lt;Stem&gt;.png</c> and <c>&lt;Stem&gt;.svg</c>, and that report.html embeds as they are.
/// </summary>
/// <param name="Stem">The file name without extension (RunFolder's figure names).</param>
/// <param name="Title">The figure's title, also the SVG's &lt;title&gt;.</param>
public sealed record RenderedFigure(string Stem, string Title, FigureKind Kind, byte[] Png, string Svg);
