using ScottPlot;

namespace FlatLab.Reporting.Figures;

/// <summary>
/// Maps ρ to a colour of a colormap on the axis where the run's ρ values are most evenly spread: ρ
/// itself, log ρ (log-spaced grids, dense toward 0) or −log(1 − ρ) (grids log-spaced in 1 − ρ, dense
/// toward 1), so that neighbouring grid values get distinguishable colours; it is also the source of
/// the panel's colour bar.
/// </summary>
internal sealed class RhoColorScale : IHasColorAxis
{
    /// <param name="rhos">Every ρ the scale must cover (all panels of a composite share one scale).</param>
    public RhoColorScale(IReadOnlyCollection<double> rhos, IColormap colormap)
    {
        Colormap = colormap;
        var min = rhos.Count > 0 ? rhos.Min() : 0;
        var max = rhos.Count > 0 ? rhos.Max() : 1;
        Axis = ChooseAxis(rhos.Distinct().Order().ToList());
        Low = Transform(min);
        High = Transform(max);
        if (!(High > Low)) { Low -= 0.5; High += 0.5; } // one ρ only: a bar around it
    }

    public IColormap Colormap { get; set; }

    public RhoColorAxis Axis { get; }

    /// <summary>The colour axis range, in transformed units (ρ, log10 ρ or −log10(1 − ρ)).</summary>
    public double Low { get; }

    public double High { get; }

    public double Transform(double rho) => Transform(Axis, rho);

    private static double Transform(RhoColorAxis axis, double rho) => axis switch
    {
        RhoColorAxis.LogRho => Math.Log10(Math.Max(rho, double.Epsilon)),
        RhoColorAxis.LogOneMinusRho => -Math.Log10(Math.Max(1 - rho, double.Epsilon)),
        _ => rho,
    };

    private double Untransform(double value) => Axis switch
    {
        RhoColorAxis.LogRho => Math.Pow(10, value),
        RhoColorAxis.LogOneMinusRho => 1 - Math.Pow(10, -value),
        _ => value,
    };

    /// <summary>The axis on which the largest gap between neighbouring ρ values is the smallest share of
    /// the range (ties: linear, then log ρ). Fewer than three values: log ρ when they span more than a
    /// decade, else linear.</summary>
    internal static RhoColorAxis ChooseAxis(IReadOnlyList<double> sortedRhos)
    {
        if (sortedRhos.Count < 3)
            return sortedRhos.Count == 2 && sortedRhos[0] > 0 && sortedRhos[1] / sortedRhos[0] > 10 ? RhoColorAxis.LogRho : RhoColorAxis.Linear;
        var candidates = new List<RhoColorAxis> { RhoColorAxis.Linear };
        if (sortedRhos[0] > 0) candidates.Add(RhoColorAxis.LogRho);
        if (sortedRhos[^1] < 1) candidates.Add(RhoColorAxis.LogOneMinusRho);
        return candidates.OrderBy(axis => LargestGapShare(sortedRhos.Select(r => Transform(axis, r)).ToList()))
            .ThenBy(axis => (int)axis).First();
    }

    private static double LargestGapShare(IReadOnlyList<double> ascending)
    {
        var range = ascending[^1] - ascending[0];
        var largest = 0.0;
        for (var i = 1; i < ascending.Count; i++) largest = Math.Max(largest, ascending[i] - ascending[i - 1]);
        return largest / range;
    }

    public ScottPlot.Range GetRange() => new(Low, High);

    public Color GetColor(double rho) => Colormap.GetColor((Transform(rho) - Low) / (High - Low));

    /// <summary>Ticks for the colour bar, labelled in ρ: both ends (the smallest and largest ρ) and the
    /// round values between them that are not too close to an end to be read apart.</summary>
    public ScottPlot.TickGenerators.NumericManual Ticks()
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var (position, label) in LabelledTicks()) ticks.AddMajor(position, label);
        if (Axis == RhoColorAxis.LogRho) foreach (var position in LogTicks.Create(Low, High).Minor) ticks.AddMinor(position);
        return ticks;
    }

    /// <summary>The labelled ticks of <see cref="Ticks"/>, in transformed units, ascending.</summary>
    public IReadOnlyList<(double Position, string Label)> LabelledTicks()
    {
        var inner = new List<(double Position, string Label)>();
        if (Axis == RhoColorAxis.LogRho)
        {
            foreach (var (position, _) in LogTicks.Create(Low, High).Major) inner.Add((position, Format(Math.Pow(10, position))));
        }
        else if (Axis == RhoColorAxis.LogOneMinusRho)
        {
            // 1 − ρ at round decades and halves: ρ = 0.5, 0.9, 0.95, 0.99, ...
            foreach (var oneMinus in new[] { 0.5, 0.1, 0.05, 0.01, 0.005, 0.001 })
            {
                var position = Transform(1 - oneMinus);
                if (position > Low && position < High) inner.Add((position, Format(1 - oneMinus)));
            }
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

    private static string Format(double rho) => rho.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    private static double NiceStep(double raw)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var m = raw / power;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
    }
}
