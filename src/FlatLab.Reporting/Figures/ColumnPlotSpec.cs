namespace FlatLab.Reporting.Figures;

/// <summary>
/// A scatter plot of two columns of a results table (docs/results-schema.md), optionally coloured by a
/// third: what <c>flatlab plot --x --y --color</c> draws. Checked against the schema by <see cref="ColumnPlot.Check"/>.
/// </summary>
/// <param name="X">A numeric column for the horizontal axis.</param>
/// <param name="Y">A numeric column for the vertical axis.</param>
/// <param name="Color">Any column: numeric ones are drawn on a colour scale, the others as one colour per value; null for one colour.</param>
/// <param name="Width">The figure's width in pixels (SVG and PDF units; the PNG has twice as many pixels).</param>
public sealed record ColumnPlotSpec(string X, string Y, string? Color = null, bool LogX = false, bool LogY = false,
    int Width = ColumnPlotSpec.DefaultWidth, int Height = ColumnPlotSpec.DefaultHeight)
{
    public const int DefaultWidth = 640;
    public const int DefaultHeight = 500;

    /// <summary>The file name without extension: "&lt;y&gt;-vs-&lt;x&gt;", with "-by-&lt;color&gt;" when coloured.</summary>
    public string Stem => $"{Y}-vs-{X}" + (Color is null ? "" : $"-by-{Color}");
}
