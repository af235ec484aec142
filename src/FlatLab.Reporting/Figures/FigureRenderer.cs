using System.Security;
using System.Text;
using System.Text.RegularExpressions;
using ScottPlot;
using SkiaSharp;

namespace FlatLab.Reporting.Figures;

/// <summary>
/// Renders plots, alone or side by side in a grid of at most <see cref="MaxColumns"/> columns, to PNG
/// bytes (at <see cref="PngScale"/>× resolution for print) and SVG text, in memory, through Skia's
/// raster and SVG canvases, so both formats show the same layout. Writing them is the exporters' job.
/// </summary>
internal static partial class FigureRenderer
{
    public const int MaxColumns = 3;
    public const float PngScale = 2;

    public static byte[] Png(IReadOnlyList<Plot> plots, int cellWidth, int cellHeight)
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
        return data.ToArray();
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
        return InsertTitle(RenumberClips(svg), title);
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
