using System.Globalization;

namespace FlatLab.Experiments.Specs;

/// <summary>
/// A scaling study (docs/theory.md §7): one panel per dimension d, with n = round(C·d) samples and
/// m = round(W·n) neurons, all else from <see cref="Panel"/>. Its panels are named <c>NAME-dD</c> and
/// share the figure <c>scaling-NAME</c>; the report fits log-log slopes of F_min and the excess loss in d.
/// </summary>
public sealed record ScalingSpec
{
    public string Name { get; init; } = "";
    /// <summary>The dimensions, increasing; at least three for a slope with a confidence interval.</summary>
    public int[] Dimensions { get; init; } = [];
    /// <summary>C in n = C·d.</summary>
    public double SamplesPerDimension { get; init; } = 4;
    /// <summary>W in m = W·n (above 1: over-parameterised).</summary>
    public double WidthPerSample { get; init; } = 2;
    /// <summary>The data model and network; its name, d, n and m are set per dimension.</summary>
    public PanelSpec Panel { get; init; } = new();

    public IEnumerable<PanelSpec> ToPanels() => Dimensions.Select(d =>
    {
        var n = (int)Math.Round(SamplesPerDimension * d);
        return Panel with
        {
            Name = $"{Name}-d{d}",
            Figure = $"scaling-{Name}",
            Title = $"{(Panel.Title.Length > 0 ? Panel.Title : $"{Panel.Link.Name}, {Panel.Activation.Name}")}, d = {d}",
            D = d,
            N = n,
            M = (int)Math.Round(WidthPerSample * n),
        };
    });

    public void Validate(string field)
    {
        SpecNames.Check($"{field}.name", Name);
        if (Dimensions.Length < 3)
            throw new SpecException($"{field}.dimensions", string.Join(",", Dimensions), "a slope needs at least three dimensions");
        for (var i = 1; i < Dimensions.Length; i++)
            if (Dimensions[i] <= Dimensions[i - 1])
                throw new SpecException($"{field}.dimensions", string.Join(",", Dimensions), "must increase");
        if (!(SamplesPerDimension > 0) || !double.IsFinite(SamplesPerDimension))
            throw new SpecException($"{field}.samples_per_dimension", SamplesPerDimension.ToString("R", CultureInfo.InvariantCulture), "must be positive");
        if (!(WidthPerSample > 1) || !double.IsFinite(WidthPerSample))
            throw new SpecException($"{field}.width_per_sample", WidthPerSample.ToString("R", CultureInfo.InvariantCulture), "must exceed 1 (m > n)");
        if (Panel.Grid is not null)
            throw new SpecException($"{field}.panel.grid", "{ ... }", "a scaling study's dimensions are its grid; give the grid on a panel of \"panels\"");
        var i2 = 0;
        foreach (var panel in ToPanels()) panel.Validate($"{field}.panel (d = {Dimensions[i2++]})");
    }
}
