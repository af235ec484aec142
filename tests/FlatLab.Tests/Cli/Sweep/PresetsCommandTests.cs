using FlatLab.Experiments.Running;
using FlatLab.Experiments.Specs;

namespace FlatLab.Tests.Cli.Sweep;

public sealed class PresetsCommandTests
{
    [Fact]
    public void GivenNoName_WhenListed_ThenEachPresetHasOneLineWithItsPanelsAndCases()
    {
        var run = CliRun.Of("presets");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in SweepPresets.Names)
        {
            var spec = SweepPresets.Get(name);
            var line = Assert.Single(lines, l => l.StartsWith(name + " ", StringComparison.Ordinal));
            Assert.Matches($@"^{name}\s+{spec.AllPanels.Count} panels\s+{SweepCase.Expand(spec).Count} cases\s+\S", line);
            // the count: panels x seeds x rho values, plus one case per seed for each optimizer run and
            // search on each panel it applies to
            var panels = spec.AllPanels.Count;
            var runs = spec.Optimizers.Sum(o => o.Panels?.Length ?? panels) + spec.Searches.Sum(s => s.Panels?.Length ?? panels);
            Assert.Equal(spec.Seeds * (panels * spec.Rho.Expand().Length + runs), SweepCase.Expand(spec).Count);
        }
    }

    [Theory]
    [InlineData("smoke")]
    [InlineData("paper")]
    [InlineData("fig2")]
    [InlineData("fig4")]
    public void GivenAName_WhenPrinted_ThenTheTextIsACommentedSpecOfThatPreset(string name)
    {
        var run = CliRun.Of("presets", name);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("//", run.Output);
        Assert.Equal(SweepSpecJson.Write(SweepPresets.Get(name)), SweepSpecJson.Write(SweepSpecJson.Parse(run.Output)));
    }

    [Fact]
    public void GivenAnUnknownName_WhenPrinted_ThenExit2ListsTheNames()
    {
        var run = CliRun.Of("presets", "fig9");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("fig9", run.Error);
        Assert.Contains("paper", run.Error);
    }
}
