using System.Security;
using System.Text;
using FlatLab.Reporting.Io;
using ScottPlot;
using SkiaSharp;

namespace FlatLab.Reporting.Figures;

/// <summary>
/// Renders plots, alone or side by side in a grid of at most <see cref="MaxColumns"/> columns, to PNG
/// (at <see cref="PngScale"/>× resolution for print) and SVG, through Skia's raster and SVG canvases,
/// so both formats show the same layout. Files are written atomically.
/// </summary>
internal static class FigureRenderer
{
    public const int MaxColumns = 3;
    public const float PngScale = 2;

    public static void SavePng(string path, IReadOnlyList<Plot> plots, int cellWidth, int cellHeight)
    {
        var (columns, rows) = Grid(plots.Count);
        var info = new SKImageInfo((int)(columns * cellWidth * PngScale), (int)(rows * cellHeight * PngScale));
        using var surface = SKSurface.Create(info) ?? throw new InvalidOperationException($"Skia could not create a {info.Width}×{info.Height} surface.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(PngScale);
        Draw(canvas, plots, cellWidth, cellHeight);
        canvas.Flush();
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFileWriter.Write(path, stream => data.SaveTo(stream));
    }

    /// <summary>The SVG text; <paramref name="title"/> becomes the document's &lt;title&gt;.</summary>
    public static string Svg(IReadOnlyList<Plot> plots, int cellWidth, int cellHeight, string title)
    {
        var (columns, rows) = Grid(plots.Count);
        using var buffer = new MemoryStream();
        using (var managed = new SKManagedWStream(buffer))
        {
            using var canvas = SKSvgCanvas.Create(SKRect.Create(columns * cellWidth, rows * cellHeight), managed);
            canvas.Clear(SKColors.White);
            Draw(canvas, plots, cellWidth, cellHeight);
        }
        var svg = Encoding.UTF8.GetString(buffer.ToArray());
        return InsertTitle(svg, title);
    }

    public static void SaveSvg(string path, IReadOnlyList<Plot> plots, int cellWidth, int cellHeight, string title) =>
        AtomicFileWriter.WriteAllText(path, Svg(plots, cellWidth, cellHeight, title));

    /// <summary>Each plot is recorded into a picture of its own (a plot clears the canvas it renders on) and drawn into its cell.</summary>
    private static void Draw(SKCanvas canvas, IReadOnlyList<Plot> plots, int cellWidth, int cellHeight)
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
