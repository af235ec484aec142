using System.Security;
using System.Text;
using System.Text.RegularExpressions;
using ScottPlot;
using SkiaSharp;

namespace FlatLab.Reporting.Figures;

/// <summary>
/// Renders plots, alone or side by side in a grid of at most <see cref="MaxColumns"/> columns (with an
/// optional colour bar shared by all of them in a column on the right), to PNG bytes (at
/// <see cref="PngScale"/>× resolution for print), SVG text and PDF bytes, in memory, through Skia's
/// raster, SVG and PDF canvases, so the three formats show the same layout. Writing them is the
/// exporters' job.
/// </summary>
internal static partial class FigureRenderer
{
    public const int MaxColumns = 3;
    public const float PngScale = 2;

    /// <summary>The width of the shared colour bar's column.</summary>
    public const int ColorBarWidth = 120;

    public static byte[] Png(IReadOnlyList<Plot> plots, int cellWidth, int cellHeight, SharedColorBar? bar = null)
    {
        var (width, height) = Size(plots.Count, cellWidth, cellHeight, bar);
        var info = new SKImageInfo((int)(width * PngScale), (int)(height * PngScale));
        using var surface = SKSurface.Create(info) ?? throw new InvalidOperationException($"Skia could not create a {info.Width}×{info.Height} surface.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(PngScale);
        Draw(canvas, plots, cellWidth, cellHeight, bar);
        canvas.Flush();
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>The SVG text; <paramref name="title"/> becomes the document's &lt;title&gt;.</summary>
    public static string Svg(IReadOnlyList<Plot> plots, int cellWidth, int cellHeight, string title, SharedColorBar? bar = null)
    {
        var (width, height) = Size(plots.Count, cellWidth, cellHeight, bar);
        using var buffer = new MemoryStream();
        using (var managed = new SKManagedWStream(buffer))
        {
            using var canvas = SKSvgCanvas.Create(SKRect.Create(width, height), managed);
            canvas.Clear(SKColors.White);
            Draw(canvas, plots, cellWidth, cellHeight, bar);
        }
        var svg = Encoding.UTF8.GetString(buffer.ToArray());
        return InsertTitle(FontFallbacks(RenumberClips(svg)), title);
    }

    /// <summary>
    /// Skia names the one font it drew with; a viewer without it (a browser on another system) would fall back to
    /// its default serif. Each font-family gets a chain of common sans-serif fonts ending in the generic family.
    /// </summary>
    internal static string FontFallbacks(string svg) =>
        FontFamily().Replace(svg, m => "font-family=\"" + string.Join(", ", FallbackFonts.Prepend(m.Groups[1].Value).Distinct()) + "\"");

    /// <summary>The fonts after the drawn one, ending in CSS's generic family.</summary>
    public static readonly string[] FallbackFonts = ["DejaVu Sans", "Verdana", "Arial", "Helvetica", "sans-serif"];

    [GeneratedRegex("font-family=\"([^\",]+)\"")]
    private static partial Regex FontFamily();

    /// <summary>A one-page PDF of the same drawing, one point per SVG unit, text as text; no dates in
    /// its metadata, so the same figure gives the same bytes.</summary>
    public static byte[] Pdf(IReadOnlyList<Plot> plots, int cellWidth, int cellHeight, string title, SharedColorBar? bar = null)
    {
        var (width, height) = Size(plots.Count, cellWidth, cellHeight, bar);
        var metadata = SKDocumentPdfMetadata.Default;
        metadata.Title = title;
        metadata.Creator = "FlatLab";
        metadata.Producer = "FlatLab";
        metadata.Creation = null;
        metadata.Modified = null;
        using var buffer = new MemoryStream();
        using (var managed = new SKManagedWStream(buffer))
        using (var document = SKDocument.CreatePdf(managed, metadata)
            ?? throw new InvalidOperationException("Skia could not create a PDF document."))
        {
            var canvas = document.BeginPage(width, height);
            canvas.Clear(SKColors.White);
            Draw(canvas, plots, cellWidth, cellHeight, bar);
            document.EndPage();
            document.Close();
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Skia names clip paths by a process-wide counter, so the same plot would get other ids after other
    /// drawings; numbering them in order of appearance makes the SVG text a function of the plot alone
    /// (a sweep and a later <c>flatlab plot</c> write the same file).
    /// </summary>
    internal static string RenumberClips(string svg)
    {
        var ids = new Dictionary<string, string>();
        return ClipId().Replace(svg, m =>
        {
            if (!ids.TryGetValue(m.Value, out var id))
            {
                id = "cl_" + ids.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                ids.Add(m.Value, id);
            }
            return id;
        });
    }

    [GeneratedRegex("(?<=id=\"|#)cl_[0-9a-f]+\\b")]
    private static partial Regex ClipId();

    /// <summary>Each plot is recorded into a picture of its own (a plot clears the canvas it renders on) and drawn into its cell.</summary>
    private static void Draw(SKCanvas canvas, IReadOnlyList<Plot> plots, int cellWidth, int cellHeight, SharedColorBar? bar)
    {
        var (columns, _) = Grid(plots.Count);
        for (var i = 0; i < plots.Count; i++)
        {
            var cell = SKRect.Create(0, 0, cellWidth, cellHeight);
            using var recorder = new SKPictureRecorder();
            var recording = recorder.BeginRecording(cell);
            plots[i].Render(recording, new PixelRect(0, cellWidth, cellHeight, 0));
            using var picture = recorder.EndRecording();
            canvas.Save();
            canvas.Translate(i % columns * cellWidth, i / columns * cellHeight);
            canvas.ClipRect(cell);
            canvas.DrawPicture(picture);
            canvas.Restore();
        }
        if (bar is not null)
        {
            // The bar spans the data areas, from the top of the first row's to the bottom of the last row's.
            var rows = (plots.Count + columns - 1) / columns;
            var first = plots[0].RenderManager.LastRender.DataRect;
            var last = plots[^1].RenderManager.LastRender.DataRect;
            var top = first.Height > 0 ? first.Top : 60;
            var bottom = last.Height > 0 ? (rows - 1) * cellHeight + last.Bottom : rows * cellHeight - 70;
            DrawColorBar(canvas, bar, columns * cellWidth, top, bottom);
        }
    }

    /// <summary>
    /// The shared colour bar: a vertical Viridis strip from the smallest ρ (bottom) to the largest (top),
    /// its labelled ticks (both ends among them) on the right and its label turned along it.
    /// </summary>
    private static void DrawColorBar(SKCanvas canvas, SharedColorBar bar, float left, float top, float bottom)
    {
        const float stripWidth = 16, steps = 128;
        var x = left + 12;
        var scale = bar.Scale;
        using var fill = new SKPaint { IsAntialias = false, Style = SKPaintStyle.Fill };
        for (var i = 0; i < steps; i++)
        {
            fill.Color = scale.Colormap.GetColor((i + 0.5) / steps).ToSKColor();
            var y0 = bottom - (i + 1) * (bottom - top) / steps;
            canvas.DrawRect(SKRect.Create(x, y0, stripWidth, (bottom - top) / steps + 0.6f), fill);
        }
        using var line = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1, Color = SKColors.Black };
        canvas.DrawRect(SKRect.Create(x, top, stripWidth, bottom - top), line);
        using var typeface = SKTypeface.FromFamilyName(FigureFonts.Family);
        using var tickFont = new SKFont(typeface, PanelPlot.TickSize);
        using var labelFont = new SKFont(typeface, PanelPlot.LabelSize);
        using var text = new SKPaint { IsAntialias = true, Color = SKColors.Black };
        foreach (var (position, label) in scale.LabelledTicks())
        {
            var y = (float)(bottom - (position - scale.Low) / (scale.High - scale.Low) * (bottom - top));
            canvas.DrawLine(x + stripWidth, y, x + stripWidth + 5, y, line);
            canvas.DrawText(label, x + stripWidth + 8, y + PanelPlot.TickSize * 0.35f, SKTextAlign.Left, tickFont, text);
        }
        canvas.Save();
        canvas.Translate(x + stripWidth + 62, (top + bottom) / 2);
        canvas.RotateDegrees(90);
        canvas.DrawText(bar.Label, 0, 0, SKTextAlign.Center, labelFont, text);
        canvas.Restore();
    }

    private static (int Width, int Height) Size(int count, int cellWidth, int cellHeight, SharedColorBar? bar)
    {
        var (columns, rows) = Grid(count);
        return (columns * cellWidth + (bar is null ? 0 : ColorBarWidth), rows * cellHeight);
    }

    private static (int Columns, int Rows) Grid(int count)
    {
        if (count < 1) throw new ArgumentException("A figure needs at least one plot.");
        var columns = Math.Min(count, MaxColumns);
        return (columns, (count + columns - 1) / columns);
    }

    private static string InsertTitle(string svg, string title)
    {
        var open = svg.IndexOf("<svg", StringComparison.Ordinal);
        var end = open < 0 ? -1 : svg.IndexOf('>', open);
        if (end < 0) return svg;
        return svg[..(end + 1)] + "<title>" + SecurityElement.Escape(title) + "</title>" + svg[(end + 1)..];
    }
}
