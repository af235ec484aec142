using FlatLab.Experiments.Specs;
using FlatLab.Reporting.Figures;

namespace FlatLab.Tests.Reporting.Figures;

public class RhoColorScaleTests
{
    private static readonly ScottPlot.IColormap Colormap = new ScottPlot.Colormaps.Viridis();

    [Theory]
    [InlineData("log", "LogRho")]
    [InlineData("log-one-minus", "LogOneMinusRho")]
    public void Given_a_spaced_grid_When_scaled_Then_the_axis_is_the_one_the_grid_is_evenly_spaced_on(string spacing, string expected)
    {
        var rhos = Grid(spacing);
        Assert.Equal(expected, new RhoColorScale(rhos, Colormap).Axis.ToString());
    }

    [Fact]
    public void Given_a_linear_grid_When_scaled_Then_the_axis_is_linear()
    {
        var rhos = Enumerable.Range(0, 9).Select(i => 0.1 + 0.1 * i).ToList();
        Assert.Equal(RhoColorAxis.Linear, new RhoColorScale(rhos, Colormap).Axis);
    }

    [Theory]
    [InlineData("log")]
    [InlineData("log-one-minus")]
    public void Given_a_spaced_grid_When_scaled_Then_neighbouring_values_are_equally_far_apart_in_colour_units(string spacing)
    {
        var rhos = Grid(spacing);
        var scale = new RhoColorScale(rhos, Colormap);
        var positions = rhos.Select(scale.Transform).ToList();
        var step = (scale.High - scale.Low) / (rhos.Count - 1);
        for (var i = 1; i < positions.Count; i++) Assert.Equal(step, positions[i] - positions[i - 1], 1e-9);
    }

    [Fact]
    public void Given_a_log_one_minus_grid_When_ticked_Then_the_ends_and_round_inner_values_are_labelled_in_rho()
    {
        var scale = new RhoColorScale(Grid("log-one-minus"), Colormap);
        var ticks = scale.LabelledTicks();
        Assert.Equal("0.02", ticks[0].Label);
        Assert.Equal("0.95", ticks[^1].Label);
        Assert.Contains(ticks, t => t.Label == "0.5");
        foreach (var (position, label) in ticks)
            Assert.Equal(scale.Transform(double.Parse(label, System.Globalization.CultureInfo.InvariantCulture)), position, 1e-2);
        Assert.True(ticks.Zip(ticks.Skip(1)).All(p => p.First.Position < p.Second.Position));
    }

    private static List<double> Grid(string spacing) =>
        new RhoGridSpec { Min = 0.02, Max = 0.95, Count = 10, Spacing = spacing == "log" ? RhoSpacing.Log : RhoSpacing.LogOneMinus }
            .Expand().ToList();
}
