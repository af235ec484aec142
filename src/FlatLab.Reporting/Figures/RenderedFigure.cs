namespace FlatLab.Reporting.Figures;

/// <summary>
/// One figure, rendered once in memory: the PNG bytes, the SVG text and the PDF bytes the exporters
/// write as <c>&lt;Stem&gt;.png</c>, <c>.svg</c> and <c>.pdf</c>; report.html embeds the SVG as it is.
/// </summary>
/// <param name="Stem">The file name without extension (RunFolder's figure names).</param>
/// <param name="Title">The figure's title, also the SVG's &lt;title&gt;.</param>
public sealed record RenderedFigure(string Stem, string Title, FigureKind Kind, byte[] Png, string Svg, byte[] Pdf);
