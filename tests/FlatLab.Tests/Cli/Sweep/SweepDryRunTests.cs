using FlatLab.Experiments.Running;

namespace FlatLab.Tests.Cli.Sweep;

public sealed class SweepDryRunTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void GivenAGridSpec_WhenDryRun_ThenItPrintsTheCasesPerCellAndInAllWithAnEstimateAndWritesNothing()
    {
        var spec = _dir.File("grid.jsonc");
        File.WriteAllText(spec, """
            { "name": "g", "seeds": 3, "rho": { "values": [0.1, 0.5] },
              "panels": [ { "name": "relu", "d": 6, "n": 30, "m": 90, "grid": { "n": [30, 40] } } ] }
            """);
        var output = _dir.File("out");

        var run = CliRun.Of("sweep", "--spec", spec, "--out", output, "--dry-run", "--threads", "2");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.False(Directory.Exists(output));
        Assert.Equal([spec], Directory.GetFileSystemEntries(_dir.Path));
        var lines = run.Output.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("relu[n=30]", StringComparison.Ordinal) && l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] == "6");
        Assert.Contains(lines, l => l.StartsWith("relu[n=40]", StringComparison.Ordinal) && l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] == "6");
        Assert.Contains(lines, l => l.StartsWith("total", StringComparison.Ordinal) && l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] == "12");
        Assert.Contains("estimated wall time of the ρ cases", run.Output);
        Assert.Contains(CaseCostModel.Formula, run.Output);
        Assert.DoesNotContain("not estimated", run.Output);
    }

    [Fact]
    public void GivenAPresetWithRunsAndSearches_WhenDryRun_ThenTheyAreCountedButLeftOutOfTheEstimate()
    {
        var spec = FlatLab.Experiments.Specs.SweepPresets.Get("optimizers");
        var cases = SweepCase.Expand(spec).ToList();
        var runs = cases.Count(c => c.Kind == CaseKind.Train);
        var searches = cases.Count(c => c.Kind == CaseKind.Search);
        var rho = cases.Count(c => c.Kind == CaseKind.Rho);

        var run = CliRun.Of("sweep", "--preset", "optimizers", "--dry-run");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(runs > 0 && searches > 0);
        Assert.Contains($"not estimated: {runs} optimizer runs and {searches} searches", run.Output);
        var total = run.Output.Split('\n').Single(l => l.StartsWith("total", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(cases.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), total[1]);
        Assert.Equal(rho.ToString(System.Globalization.CultureInfo.InvariantCulture), total[2]);
    }

    [Fact]
    public void GivenAPresetWithoutOut_WhenDryRun_ThenItCountsTheShardsCases()
    {
        var run = CliRun.Of("sweep", "--preset", "smoke", "--dry-run", "--shard", "1/3");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("shard 1/3", run.Output);
        Assert.Contains(run.Output.Split('\n'), l => l.StartsWith("total", StringComparison.Ordinal) && l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] == "4");
    }

    [Fact]
    public void GivenABadGrid_WhenDryRun_ThenItExitsWithTwoNamingTheField()
    {
        var spec = _dir.File("bad.jsonc");
        File.WriteAllText(spec, """{ "panels": [ { "name": "relu", "d": 6, "n": 30, "m": 90, "grid": { "depth": [1, 2] } } ] }""");

        var run = CliRun.Of("sweep", "--spec", spec, "--dry-run");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("panels[0].grid.depth = 1: not a panel field", run.Error);
    }

    [Fact]
    public void GivenTheCostModel_WhenSizesGrow_ThenTheEstimateGrowsAsItsTerms()
    {
        var small = CaseCostModel.Seconds(100, 200, 10);
        var paper = CaseCostModel.Seconds(400, 800, 30);

        Assert.True(paper > small);
        Assert.Equal(CaseCostModel.Fixed + CaseCostModel.PerEntry * 400 * 800 + CaseCostModel.PerProduct * 400.0 * 400 * 800
                     + CaseCostModel.PerKernel * 800.0 * 800 * 30, paper, 12);
        // Calibrated to the paper preset's 0.045-0.099 s per case (docs/benchmarks.md).
        Assert.InRange(paper, 0.045, 0.099);
    }
}
