using ScottPlot;

namespace FlatLab.Reporting.Figures;

/// <summary>
/// A legend in one or two columns of equal width, filled row by row, sized by its items alone: ScottPlot's
/// legend panel measures its legend at unlimited size and then draws it in the panel's width, so a layout that
/// wraps by the space it is given would measure one row and draw several (the rest cut off). Two columns when
/// they fit in <see cref="MaxWidth"/>, else one.
/// </summary>
internal sealed class ColumnLegendLayout(float maxWidth) : ILegendLayout
{
    public float MaxWidth { get; } = maxWidth;

    /// <summary>The columns the items get.</summary>
    public int Columns(Legend legend, LegendItem[] items)
    {
        using var paint = Paint.NewDisposablePaint();
        return Columns(legend, items, paint);
    }

    private int Columns(Legend legend, LegendItem[] items, Paint paint) =>
        items.Length > 1 && 2 * ItemWidth(legend, items, paint) + legend.InterItemPadding.Right + legend.Padding.Horizontal <= MaxWidth ? 2 : 1;

    public LegendLayout GetLayout(Legend legend, LegendItem[] items, PixelSize maxSize, Paint paint)
    {
        var columns = Columns(legend, items, paint);
        var width = ItemWidth(legend, items, paint);
        var height = ItemHeight(legend, items, paint);
        var labels = new PixelRect[items.Length];
        var symbols = new PixelRect[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            var left = legend.Padding.Left + i % columns * (width + legend.InterItemPadding.Right);
            var top = legend.Padding.Top + i / columns * (height + legend.InterItemPadding.Bottom);
            var symbol = SymbolWidth(legend, items);
            symbols[i] = new PixelRect(left, left + symbol, top + height, top);
            labels[i] = new PixelRect(left + symbol + legend.SymbolPadding, left + width, top + height, top);
        }
        var rows = (items.Length + columns - 1) / columns;
        var totalWidth = columns * width + (columns - 1) * legend.InterItemPadding.Right + legend.Padding.Horizontal;
        var totalHeight = rows * height + (rows - 1) * legend.InterItemPadding.Bottom + legend.Padding.Vertical;
        return new LegendLayout
        {
            LegendItems = items,
            LegendRect = new PixelRect(0, totalWidth, totalHeight, 0),
            LabelRects = labels,
            SymbolRects = symbols,
        };
    }

    /// <summary>The legend's height in pixels for these items.</summary>
    public float Height(Legend legend, LegendItem[] items)
    {
        using var paint = Paint.NewDisposablePaint();
        return items.Length == 0 ? 0 : GetLayout(legend, items, PixelSize.Infinity, paint).LegendRect.Height;
    }

    private static float SymbolWidth(Legend legend, LegendItem[] items) =>
        Math.Max(legend.SymbolWidth, items.Select(x => x.MarkerStyle.Size).DefaultIfEmpty(0).Max());

    private static float ItemWidth(Legend legend, LegendItem[] items, Paint paint) => SymbolWidth(legend, items) + legend.SymbolPadding + items.Select(x => x.LabelStyle.Measure(x.LabelText, paint).Size.Width).DefaultIfEmpty(0).Max();

    private static float ItemHeight(Legend legend, LegendItem[] items, Paint paint) =>
        Math.Max(Math.Max(legend.SymbolHeight, items.Select(x => x.MarkerStyle.Size).DefaultIfEmpty(0).Max()),
            items.Select(x => x.LabelStyle.Measure(x.LabelText, paint).Size.Height).DefaultIfEmpty(0).Max());
}
