using FlatLab.Experiments.Running;
using FlatLab.Experiments.Specs;
using FlatLab.Tests.Cli;

namespace FlatLab.Tests.Experiments;

public sealed class PanelGridTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    /// <summary>A grid of 2 × 2 cells, 2 seeds, 3 ρ: 24 small cases, and a plain panel of 6 more.</summary>
    private static string Spec(string grid = """{ "n": [30, 40], "noise_std": [0.05, 0.5] }""", int seeds = 2,
        string rho = """{ "values": [0.1, 0.5, 0.9] }""") => $$"""
        { "name": "grid", "seed": 11, "seeds": {{seeds}}, "rho": {{rho}},
          "population": { "samples": 1000 },
          "panels": [
            { "name": "relu", "activation": "relu", "d": 6, "n": 30, "m": 90, "grid": {{grid}} },
            { "name": "plain", "activation": "quadratic", "d": 6, "n": 20, "m": 60, "seeds": null }
          ] }
        """.Replace(""", "seeds": null""", "");

    [Fact]
    public void GivenAGridOfTwoFields_WhenExpanded_ThenEachCellIsAPanelNamedByItsValuesWithKeysAndSeedsOfItsOwn()
    {
        var spec = SweepSpecJson.Parse(Spec());

        var cases = SweepCase.Expand(spec);

        string[] cells = ["relu[n=30,noise_std=0.05]", "relu[n=30,noise_std=0.5]", "relu[n=40,noise_std=0.05]", "relu[n=40,noise_std=0.5]", "plain"];
        Assert.Equal(cells, spec.AllPanels.Select(p => p.Name));
        Assert.Equal(4 * 2 * 3 + 2 * 3, cases.Count);
        Assert.Equal(Enumerable.Range(0, cases.Count), cases.Select(c => c.Index));
        Assert.Equal("relu[n=40,noise_std=0.05]/s01/rho02", cases[2 * 6 + 5].Key);
        var cell = spec.AllPanels[2];
        Assert.Equal((40, 0.05, 90, 6), (cell.N, cell.NoiseStd, cell.M, cell.D));
        Assert.Equal(("relu", "n=40,noise_std=0.05"), (cell.BaseName, cell.GridCell));
        Assert.Equal(("plain", ""), (spec.AllPanels[4].BaseName, spec.AllPanels[4].GridCell));
        // Keys differ between cells, and so do the seeds derived from them.
        Assert.Equal(cases.Count, cases.Select(c => c.Key).Distinct().Count());
        Assert.Equal(cases.Count, cases.Select(c => c.CaseSeed).Distinct().Count());
        var row = CaseRunner.Describe(cases[2 * 6 + 5]);
        Assert.Equal(("relu[n=40,noise_std=0.05]", "relu", "n=40,noise_std=0.05", 40, 0.05), (row.Panel, row.BasePanel, row.GridCell, row.N, row.NoiseStd));
    }

    [Fact]
    public void GivenGridValuesSpelledDifferently_WhenExpanded_ThenCellsAreNamedByTheCanonicalSpelling()
    {
        var spec = SweepSpecJson.Parse(Spec("""{ "activation": ["ReLU", "Leaky-ReLU:0.1"], "coefficients": [[1], [0.5]], "features": ["Hypercube"] }"""));

        Assert.Equal(
            ["relu[activation=relu,coefficients=(1),features=hypercube]", "relu[activation=relu,coefficients=(0.5),features=hypercube]",
             "relu[activation=leaky-relu:0.1,coefficients=(1),features=hypercube]", "relu[activation=leaky-relu:0.1,coefficients=(0.5),features=hypercube]", "plain"],
            spec.AllPanels.Select(p => p.Name));
        Assert.Equal("leaky-relu:0.1", spec.AllPanels[3].Activation.Name);
    }

    [Fact]
    public void GivenAGridOverTheLinkOffsetFields_WhenExpanded_ThenEachCellCarriesItsOffset()
    {
        // Fields the grid code does not know by name: any panel field can be gridded.
        var spec = SweepSpecJson.Parse(Spec("""{ "link_offset": [0, 0.5], "link_offset_distribution": ["uniform", "Normal"], "link_offset_spread": [0.2] }"""));

        var cells = spec.AllPanels.Take(4).ToArray();

        Assert.Equal("relu[link_offset=0.5,link_offset_distribution=normal,link_offset_spread=0.2]", cells[3].Name);
        Assert.Equal([0, 0, 0.5, 0.5], cells.Select(c => c.LinkOffset));
        Assert.Equal([FlatLab.Data.LinkOffsetDistribution.Uniform, FlatLab.Data.LinkOffsetDistribution.Normal], cells.Take(2).Select(c => c.LinkOffsetDistribution));
        Assert.Equal(0.2, cells[3].LinkOffsetSpread);
    }

    [Theory]
    [InlineData("""{ "noise": [0.1] }""", "panels[0].grid.noise = 0.1: not a panel field")]
    [InlineData("""{ "n": ["many"] }""", "panels[0].grid.n = \"many\": expected an integer")]
    [InlineData("""{ "activation": ["swish"] }""", "panels[0].grid.activation = \"swish\"")]
    [InlineData("""{ "n": [30, 100] }""", "panels[0] cell relu[n=100].m = 90: must exceed n = 100")]
    [InlineData("""{ "noise_std": [-1] }""", "panels[0] cell relu[noise_std=-1].noise_std = -1")]
    [InlineData("""{ "n": [30, 30] }""", "panels[0].grid.n = [30, 30]: the value 30 is given more than once")]
    [InlineData("""{ "name": ["a"] }""", "panels[0].grid.name")]
    [InlineData("""{ "title": ["a/b"] }""", "the grid cell's name holds '/'")]
    public void GivenABadGrid_WhenParsed_ThenTheErrorNamesThePanelTheFieldAndTheValue(string grid, string expected)
    {
        var e = Assert.Throws<SpecException>(() => SweepSpecJson.Parse(Spec(grid)));

        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void GivenACellNameTooLongForAFileName_WhenParsed_ThenItIsRejected()
    {
        var title = new string('t', 150);
        var e = Assert.Throws<SpecException>(() => SweepSpecJson.Parse(Spec($$"""{ "title": ["{{title}}"] }""")));

        Assert.Contains("at most 160", e.Message);
    }

    [Fact]
    public void GivenAGridSpec_WhenRunOnOneThreadAndOnTwo_ThenTheRowsAreIdentical()
    {
        var spec = SweepSpecJson.Parse(Spec(seeds: 1));

        var one = SweepRuns.Run(spec, _root.File("one"), threads: 1);
        var two = SweepRuns.Run(spec, _root.File("two"), threads: 2);

        Assert.Equal(SweepCase.Expand(spec).Select(c => c.Key), one.Rows.Select(r => r.CaseKey));
        Assert.Equal(SweepRuns.Comparable(one.Rows), SweepRuns.Comparable(two.Rows));
        Assert.True(one.Rows.Count(r => r.IsUsable) >= one.Rows.Count / 2);
        // The cells differ in what they record and compute.
        Assert.Equal([30, 30, 30, 30, 30, 30, 40, 40, 40, 40, 40, 40, 20, 20, 20], one.Rows.Select(r => r.N));
        var usable = one.Rows.Where(r => r.IsUsable).ToList();
        Assert.Equal(usable.Count, usable.Select(r => r.FlatnessMin).Distinct().Count());
    }

    [Fact]
    public void GivenAGridSpecInThreeShards_WhenMerged_ThenTheRowsEqualASingleRun()
    {
        var spec = SweepSpecJson.Parse(Spec(seeds: 1));
        var single = SweepRuns.Run(spec, _root.File("single"));
        var shards = Enumerable.Range(0, 3).Select(i =>
        {
            var folder = _root.File($"shard-{i}");
            SweepRuns.Run(spec, folder, threads: 1, shard: new ShardSpec(i, 3));
            return folder;
        }).ToArray();

        var merged = ShardMerge.Read(shards);

        Assert.True(merged.IsComplete);
        Assert.Equal(SweepRuns.Comparable(single.Rows), SweepRuns.Comparable(merged.Rows));
    }

    [Fact]
    public void GivenAFinishedRun_WhenResumedWithMoreSeedsRhoValuesAndGridValues_ThenOnlyNewCasesRunAndTheRowsEqualAFreshRun()
    {
        var small = SweepSpecJson.Parse(Spec("""{ "n": [30], "noise_std": [0.05, 0.5] }""", seeds: 1, rho: """{ "values": [0.1, 0.5] }"""));
        var large = SweepSpecJson.Parse(Spec("""{ "n": [40, 30], "noise_std": [0.05, 0.2, 0.5] }""", seeds: 2, rho: """{ "values": [0.1, 0.5, 0.9] }"""));
        var folder = _root.File("extended");
        var first = SweepRuns.Run(small, folder);
        var linesBefore = SweepRuns.StoreLines(folder);

        var resumed = SweepRuns.Run(large, folder, resume: true);
        var fresh = SweepRuns.Run(large, _root.File("fresh"));

        Assert.Equal(first.Rows.Count, resumed.Resumed);
        Assert.Equal(SweepCase.Expand(large).Count - first.Rows.Count, resumed.Ran);
        Assert.Equal(SweepRuns.Comparable(fresh.Rows), SweepRuns.Comparable(resumed.Rows));
        Assert.Equal(fresh.Rows.Select(r => r.CaseIndex), resumed.Rows.Select(r => r.CaseIndex));
        // Finished cases were not computed again: their stored lines are untouched, timing included.
        Assert.Equal(linesBefore, SweepRuns.StoreLines(folder).Take(linesBefore.Length));
        Assert.Contains("\"seeds\": 2", File.ReadAllText(Path.Combine(folder, "spec.json")));
    }

    [Theory]
    [InlineData("""{ "n": [30], "noise_std": [0.05] }""", 1, """{ "values": [0.1, 0.5] }""", "panels[0].grid has no cell relu[n=30,noise_std=0.5]")]
    [InlineData("""{ "n": [30], "noise_std": [0.05, 0.5], "d": [6] }""", 1, """{ "values": [0.1, 0.5] }""", "panels[0].grid varies [n, noise_std, d] here")]
    [InlineData("""{ "n": [30], "noise_std": [0.05, 0.5] }""", 1, """{ "values": [0.2, 0.1, 0.5] }""", "rho values may only be added after")]
    [InlineData("""{ "n": [30], "noise_std": [0.05, 0.5] }""", 1, """{ "values": [0.1] }""", "rho gives [0.1] here, [0.1, 0.5] in the run")]
    [InlineData("""{ "n": [30], "noise_std": [0.05, 0.5], "m": [100] }""", 1, """{ "values": [0.1, 0.5] }""", "panels[0].grid varies")]
    public void GivenAFinishedRun_WhenResumedWithAChangeThatIsNoExtension_ThenItIsRefusedNamingTheField(string grid, int seeds, string rho, string expected)
    {
        var folder = _root.File("run");
        SweepRuns.Run(SweepSpecJson.Parse(Spec("""{ "n": [30], "noise_std": [0.05, 0.5] }""", seeds: 1, rho: """{ "values": [0.1, 0.5] }""")), folder);
        var before = SweepRuns.StoreLines(folder);

        var e = Assert.Throws<ArgumentException>(() => SweepRuns.Run(SweepSpecJson.Parse(Spec(grid, seeds, rho)), folder, resume: true));

        Assert.Contains(expected, e.Message);
        Assert.Contains("--resume may only add seeds", e.Message);
        Assert.Equal(before, SweepRuns.StoreLines(folder));
    }

    [Fact]
    public void GivenAFinishedRun_WhenResumedWithFewerSeedsAnotherSweepSeedOrAnotherPanelField_ThenItIsRefusedNamingTheField()
    {
        var folder = _root.File("run");
        SweepRuns.Run(SweepSpecJson.Parse(Spec(seeds: 2)), folder);

        var fewer = Assert.Throws<ArgumentException>(() => SweepRuns.Run(SweepSpecJson.Parse(Spec(seeds: 1)), folder, resume: true));
        var reseeded = Assert.Throws<ArgumentException>(() => SweepRuns.Run(SweepSpecJson.Parse(Spec(seeds: 2)) with { Seed = 12 }, folder, resume: true));
        var changed = Assert.Throws<ArgumentException>(() => SweepRuns.Run(SweepSpecJson.Parse(Spec(seeds: 2).Replace("\"m\": 90", "\"m\": 95")), folder, resume: true));

        Assert.Contains("seeds = 1 here, 2 in the run", fewer.Message);
        Assert.Contains("seed = 12 here, 11 in the run", reseeded.Message);
        Assert.Contains("panels[0].m = 95 here, 90 in the run", changed.Message);
    }
}
