using FlatLab.Experiments.Results;
using FlatLab.Experiments.Specs;
using FlatLab.Tests.Cli;

namespace FlatLab.Tests.Experiments;

public sealed class LinkOffsetPanelTests
{
    /// <summary>The paper's link as its text reads (docs/model.md §8.4): b + a sum of activations, with a
    /// link activation other than the network's; one panel draws b per repetition, one fixes it, one has none.</summary>
    private const string SpecText = """
        { "name": "offsets", "seed": 9, "seeds": 3,
          "rho": { "values": [0.3, 0.7] },
          "panels": [
            { "name": "drawn", "link": "sum-single-index", "activation": "relu", "link_activation": "leaky-relu:0.1",
              "r": 2, "d": 8, "n": 30, "m": 60, "link_offset": 0.5, "link_offset_distribution": "normal", "link_offset_spread": 1 },
            { "name": "fixed", "link": "single-index", "activation": "relu", "link_activation": "quadratic",
              "d": 8, "n": 30, "m": 60, "link_offset": -0.25 },
            { "name": "none", "link": "single-index", "activation": "relu", "d": 8, "n": 30, "m": 60 } ] }
        """;

    [Fact]
    public void GivenOffsetPanels_WhenRun_ThenEachRepetitionHasOneOffsetSharedByItsRhoAndTheLossIsExact()
    {
        using var folder = new TempDirectory();

        var rows = SweepRuns.Run(SweepSpecJson.Parse(SpecText), folder.Path).Rows;

        Assert.Equal(18, rows.Count);
        Assert.All(rows, r => Assert.Equal("exact", r.PopulationLossMethod));
        Assert.All(rows.Where(r => r.Panel == "fixed"), r => Assert.Equal(-0.25, r.LinkOffset));
        Assert.All(rows.Where(r => r.Panel == "none"), r => Assert.Equal(0.0, r.LinkOffset));
        var drawn = rows.Where(r => r.Panel == "drawn").GroupBy(r => r.Repetition).ToList();
        Assert.Equal(3, drawn.Count);
        Assert.All(drawn, g => Assert.Single(g.Select(r => r.LinkOffset).Distinct()));
        var offsets = drawn.Select(g => g.First().LinkOffset).ToArray();
        Assert.Equal(3, offsets.Distinct().Count());
        Assert.All(offsets, b => Assert.True(double.IsFinite(b) && b != 0.5, $"b = {b}"));
        // g = b + z² with z = u·x: E[g²] = b² + 2b E z² + E z⁴ = 0.0625 − 0.5 + 3.
        Assert.All(rows.Where(r => r.Panel == "fixed"), r => Assert.Equal(2.5625, r.SignalPower, 1e-12));
    }

    [Fact]
    public void GivenTheSameSpecTwice_WhenRun_ThenTheDrawnOffsetsAreTheSame()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var spec = SweepSpecJson.Parse(SpecText);

        var a = SweepRuns.Run(spec, first.Path, threads: 1).Rows;
        var b = SweepRuns.Run(spec, second.Path, threads: 2).Rows;

        Assert.Equal(SweepRuns.Comparable(a), SweepRuns.Comparable(b));
    }

    [Fact]
    public void GivenAZeroOffsetWrittenOut_WhenRun_ThenRowsEqualThoseOfAPanelWithoutOne()
    {
        using var first = new TempDirectory();
        using var second = new TempDirectory();
        var plain = SweepSpecJson.Parse(SpecText);
        var explicitZero = SweepSpecJson.Parse(SpecText.Replace(
            "\"name\": \"none\", \"link\": \"single-index\"", "\"name\": \"none\", \"link_offset\": 0, \"link_offset_distribution\": \"fixed\", \"link\": \"single-index\""));

        var a = SweepRuns.Run(plain, first.Path).Rows.Where(r => r.Panel == "none");
        var b = SweepRuns.Run(explicitZero, second.Path).Rows.Where(r => r.Panel == "none");

        Assert.Equal(SweepRuns.Comparable(a), SweepRuns.Comparable(b));
    }

    public static TheoryData<string, string, string, string> BadOffsets => new()
    {
        // replace, with, field, value
        { "\"link_offset\": -0.25", "\"link_offset\": -0.25, \"link_offset_spread\": 1", "panels[1].link_offset_spread", "1" },
        { "\"link_offset_spread\": 1", "\"link_offset_spread\": 0", "panels[0].link_offset_spread", "0" },
        { "\"link_offset_spread\": 1", "\"link_offset_spread\": -2", "panels[0].link_offset_spread", "-2" },
        { "\"normal\"", "\"cauchy\"", "panels[0].link_offset_distribution", "cauchy" },
        { "\"link\": \"single-index\", \"activation\": \"relu\", \"link_activation\": \"quadratic\"",
          "\"link\": \"quadratic-feature\", \"activation\": \"relu\", \"link_activation\": \"quadratic\"", "panels[1].link_offset", "-0.25" },
    };

    [Theory]
    [MemberData(nameof(BadOffsets))]
    public void GivenABadOffset_WhenParsed_ThenTheErrorNamesTheFieldAndTheValue(string replace, string with, string field, string value)
    {
        Assert.Contains(replace, SpecText);

        var e = Assert.Throws<SpecException>(() => SweepSpecJson.Parse(SpecText.Replace(replace, with)));

        Assert.Equal(field, e.Field);
        Assert.Contains($"{field} = {value}: ", e.Message);
    }
}
