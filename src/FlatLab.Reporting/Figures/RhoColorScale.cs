using ScottPlot;

namespace FlatLab.Reporting.Figures;

/// <summary>
/// Maps ρ to a colour of a colormap, on a log scale when ρ spans more than a decade (the paper's
/// grids are log-spaced), else linearly; it is also the source of the panel's colour bar.
/// </summary>
internal sealed class RhoColorScale : IHasColorAxis
{
    /// <param name="rhos">Every ρ the scale must cover (all panels of a composite share one scale).</param>
    public RhoColorScale(IReadOnlyCollection<double> rhos, IColormap colormap)
    {
        Colormap = colormap;
        var min = rhos.Count > 0 ? rhos.Min() : 0;
        var max = rhos.Count > 0 ? rhos.Max() : 1;
        IsLog = min > 0 && max / min > 10;
        Low = Transform(min);
        High = Transform(max);
        if (!(High > Low)) { Low -= 0.5; High += 0.5; } // one ρ only: a bar around it
    }

    public IColormap Colormap { get; set; }

    public bool IsLog { get; }

    /// <summary>The colour axis range, in transformed units (log10 ρ or ρ).</summary>
    public double Low { get; }

    public double High { get; }

    public double Transform(double rho) => IsLog ? Math.Log10(Math.Max(rho, double.Epsilon)) : rho;

    public ScottPlot.Range GetRange() => new(Low, High);

    public Color GetColor(double rho) => Colormap.GetColor((Transform(rho) - Low) / (High - Low));

    /// <summary>Ticks for the colour bar, labelled in ρ: both ends (the smallest and largest ρ) and the
    /// round values between them that are not too close to an end to be read apart.</summary>
    public ScottPlot.TickGenerators.NumericManual Ticks()
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var (position, label) in LabelledTicks()) ticks.AddMajor(position, label);
        if (IsLog) foreach (var position in LogTicks.Create(Low, High).Minor) ticks.AddMinor(position);
        return ticks;
    }

    /// <summary>The labelled ticks of <see cref="Ticks"/>, in transformed units, ascending.</summary>
    public IReadOnlyList<(double Position, string Label)> LabelledTicks()
    {
        var inner = new List<(double Position, string Label)>();
        if (IsLog)
        {
            foreach (var (position, _) in LogTicks.Create(Low, High).Major) inner.Add((position, Format(Math.Pow(10, position))));
        }
        else
        {
            var step = NiceStep((High - Low) / 5);
            for (var v = Math.Ceiling(Low / step) * step; v <= High + 1e-12; v += step) inner.Add((v, Format(v)));
        }
        var gap = 0.08 * (High - Low);
        var ends = new List<(double Position, string Label)> { (Low, Format(Untransform(Low))), (High, Format(Untransform(High))) };
        return ends.Concat(inner.Where(t => t.Position - Low > gap && High - t.Position > gap)).DistinctBy(t => t.Label).OrderBy(t => t.Position).ToList();
    }

    private double Untransform(double value) => IsLog ? Math.Pow(10, value) : value;

    private static string Format(double rho) => rho.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    private static double NiceStep(double raw)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var m = raw / power;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
    }
}
