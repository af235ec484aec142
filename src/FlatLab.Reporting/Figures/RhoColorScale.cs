using ScottPlot;

namespace FlatLab.Reporting.Figures;

/// <summary>
/// Maps ρ to a colour of a colormap, on a log scale when ρ spans more than a decade (the paper's
/// grids are log-spaced), else linearly; it is also the source of the panel's colour bar.
/// </summary>
internal sealed class RhoColorScale : IHasColorAxis
{
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

    /// <summary>Ticks for the colour bar, labelled in ρ.</summary>
    public ScottPlot.TickGenerators.NumericManual Ticks()
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        if (IsLog)
        {
            var (major, minor) = LogTicks.Create(Low, High);
            foreach (var (position, _) in major) ticks.AddMajor(position, Format(Math.Pow(10, position)));
            foreach (var position in minor) ticks.AddMinor(position);
        }
        else
        {
            var step = NiceStep((High - Low) / 5);
            for (var v = Math.Ceiling(Low / step) * step; v <= High + 1e-12; v += step) ticks.AddMajor(v, Format(v));
        }
        return ticks;
    }

    private static string Format(double rho) => rho.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    private static double NiceStep(double raw)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var m = raw / power;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
    }
}
