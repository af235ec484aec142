using FlatLab.Experiments.Specs;

namespace FlatLab.Tests.Experiments;

public sealed class RhoGridSpecTests
{
    [Fact]
    public void GivenALogOneMinusGrid_WhenExpanded_ThenOneMinusRhoIsLogSpacedFromOneMinusMinToOneMinusMax()
    {
        var grid = new RhoGridSpec { Min = 0.05, Max = 0.99, Count = 12, Spacing = RhoSpacing.LogOneMinus };
        grid.Validate("rho");

        var rho = grid.Expand();

        Assert.Equal(12, rho.Length);
        Assert.Equal(0.05, rho[0]);
        Assert.Equal(0.99, rho[^1]);
        // Equal ratios of 1 - rho, computed independently: (0.01 / 0.95)^(1/11) per step.
        var ratio = Math.Pow(0.01 / 0.95, 1.0 / 11);
        for (var i = 1; i < rho.Length; i++) Assert.Equal(ratio, (1 - rho[i]) / (1 - rho[i - 1]), 12);
        // Dense toward 1: the last step is the smallest.
        Assert.True(rho[^1] - rho[^2] < rho[1] - rho[0]);
    }

    [Fact]
    public void GivenTheSpellingInASpec_WhenParsed_ThenTheGridIsLogOneMinusAndWrittenBack()
    {
        var spec = SweepSpecJson.Parse("""
            { "rho": { "min": 0, "max": 0.99, "count": 3, "spacing": "log-one-minus" }, "panels": [ { "name": "p", "d": 5, "n": 10, "m": 20 } ] }
            """);

        Assert.Equal([0, 0.9, 0.99], spec.Rho.Expand().Select(r => Math.Round(r, 12)));
        Assert.Contains("\"spacing\": \"log-one-minus\"", SweepSpecJson.Write(spec));
    }

    [Fact]
    public void GivenTheDefaultGrid_WhenExpanded_ThenEveryRhoIsBelowOne()
    {
        var grid = new RhoGridSpec();
        grid.Validate("rho");

        Assert.All(grid.Expand(), r => Assert.True(r < 1));
        Assert.Equal(10, grid.Expand().Length);
    }

    [Theory]
    [InlineData("""{ "values": [0.5, 1] }""", "rho.values[1] = 1: ρ = 1 is degenerate")]
    [InlineData("""{ "values": [1.5] }""", "rho.values[0] = 1.5: a correlation must lie in [0, 1)")]
    [InlineData("""{ "min": 0.1, "max": 1, "count": 5 }""", "rho.max = 1: ρ = 1 is degenerate")]
    [InlineData("""{ "min": 0.1, "max": 1, "count": 5, "spacing": "log-one-minus" }""", "rho.max = 1: ρ = 1 is degenerate")]
    [InlineData("""{ "min": 0, "max": 0.9, "count": 5 }""", "rho.min = 0: must lie in (0, 1) for a grid spaced log")]
    [InlineData("""{ "min": 0.1, "max": 0.9, "count": 5, "spacing": "linear" }""", "rho.spacing = linear: expected log or log-one-minus")]
    public void GivenABadRhoGrid_WhenParsed_ThenTheErrorNamesTheField(string rho, string expected)
    {
        var e = Assert.Throws<SpecException>(() => SweepSpecJson.Parse(
            $$"""{ "rho": {{rho}}, "panels": [ { "name": "p", "d": 5, "n": 10, "m": 20 } ] }"""));

        Assert.Contains(expected, e.Message);
    }
}
