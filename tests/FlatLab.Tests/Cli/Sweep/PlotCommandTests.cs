using FlatLab.Tests.Experiments;

namespace FlatLab.Tests.Cli.Sweep;

public sealed class PlotCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("results.csv")]
    [InlineData("results.parquet")]
    public void GivenARunsResults_WhenPlotted_ThenTheFiguresAreWrittenAgain(string table)
    {
        var run = _dir.File("run");
        Assert.Equal(0, CliRun.Of("sweep", "--preset", "smoke", "--out", run).ExitCode);
        var figures = _dir.File("figures");

        var plot = CliRun.Of("plot", "--results", Path.Combine(run, table), "--out", figures);

        Assert.True(plot.ExitCode == 0, plot.Error);
        var files = Directory.GetFiles(figures, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith(".png", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(".svg", StringComparison.Ordinal));
        Assert.All(files, f => Assert.True(new FileInfo(f).Length > 0, f));
        Assert.Contains("12 rows", plot.Output);
        // The same figures as the run drew, file for file and byte for byte.
        var original = Directory.GetFiles(Path.Combine(run, "figures")).Select(Path.GetFileName).Order();
        Assert.Equal(original, files.Select(Path.GetFileName).Order());
        AssertSameFigures(Path.Combine(run, "figures"), figures);
    }

    /// <summary>
    /// A ρ panel with a GD run and a search (trajectories) and a scaling study (three dimensions):
    /// every kind of figure a sweep draws.
    /// </summary>
    private const string EveryFigureSpec = """
        { "name": "redraw", "seed": 5, "seeds": 1, "rho": { "values": [0.2, 0.8] },
          "panels": [ { "name": "relu", "figure": "main", "title": "Single-index, ReLU", "link": "single-index",
                        "activation": "relu", "d": 6, "n": 30, "m": 60 } ],
          "optimizers": [ { "name": "gd", "optimizer": "gd", "learning_rate": 0.05, "loss_tolerance": 1e-3, "max_steps": 3000,
                            "records": 3, "panels": ["relu"] } ],
          "searches": [ { "name": "random", "start": "random", "max_iterations": 3, "panels": ["relu"] } ],
          "scaling": [ { "name": "law", "dimensions": [4, 6, 8], "samples_per_dimension": 3, "width_per_sample": 2,
                         "panel": { "link": "single-index", "activation": "relu", "noise_std": 0 } } ] }
        """;

    [Theory]
    [InlineData("results.csv")]
    [InlineData("results.parquet")]
    public void GivenASweepWithTrajectoriesAndAScalingStudy_WhenPlotted_ThenEveryFigureHasTheSameContentAsTheSweepDrew(string table)
    {
        var specFile = _dir.File("redraw.json");
        File.WriteAllText(specFile, EveryFigureSpec);
        var run = _dir.File("run");
        var sweep = CliRun.Of("sweep", "--spec", specFile, "--out", run);
        Assert.True(sweep.ExitCode == 0, sweep.Error);
        var drawn = Path.Combine(run, "figures");
        var stems = Directory.GetFiles(drawn, "*.svg").Select(Path.GetFileNameWithoutExtension).Order().ToArray();
        Assert.Equal(["figure-main", "figure-main-seeds", "figure-scaling-law", "figure-scaling-law-seeds", "panel-law-d4", "panel-law-d6", "panel-law-d8",
            "panel-relu", "scaling-law-laws"], stems);
        Assert.Equal(stems, Directory.GetFiles(drawn, "*.pdf").Select(Path.GetFileNameWithoutExtension).Order().ToArray());
        // the overlay's legend, in the words the spec's fields give (no identifiers)
        Assert.Contains("GD, step 0.05, standard", File.ReadAllText(Path.Combine(drawn, "panel-relu.svg")));
        Assert.Contains("search from random directions", File.ReadAllText(Path.Combine(drawn, "panel-relu.svg")));

        var figures = _dir.File("again");
        var plot = CliRun.Of("plot", "--results", Path.Combine(run, table), "--out", figures);

        Assert.True(plot.ExitCode == 0, plot.Error);
        AssertSameFigures(drawn, figures);
    }

    [Fact]
    public void GivenATableWithoutItsTrajectories_WhenPlotted_ThenThePanelDiffersFromTheSweeps()
    {
        // The content comparison above can fail: drawn from the results table alone, the optimizer and
        // search paths shrink to their end points and the panel's SVG is another drawing.
        var specFile = _dir.File("redraw.json");
        File.WriteAllText(specFile, EveryFigureSpec);
        var run = _dir.File("run");
        Assert.Equal(0, CliRun.Of("sweep", "--spec", specFile, "--out", run).ExitCode);
        var alone = _dir.File("alone");
        Directory.CreateDirectory(alone);
        File.Copy(Path.Combine(run, "results.csv"), Path.Combine(alone, "results.csv"));

        var plot = CliRun.Of("plot", "--results", Path.Combine(alone, "results.csv"), "--out", _dir.File("bare"));

        Assert.True(plot.ExitCode == 0, plot.Error);
        Assert.Contains("no spec.json", plot.Output);
        Assert.NotEqual(File.ReadAllText(Path.Combine(run, "figures", "panel-relu.svg")), File.ReadAllText(_dir.File(Path.Combine("bare", "panel-relu.svg"))));
        Assert.False(File.Exists(_dir.File(Path.Combine("bare", "scaling-law-laws.svg"))));
    }

    [Fact]
    public void GivenABrokenSpecNextToTheTable_WhenPlotted_ThenExit2NamingIt()
    {
        var run = _dir.File("run");
        Assert.Equal(0, CliRun.Of("sweep", "--preset", "smoke", "--out", run).ExitCode);
        File.WriteAllText(Path.Combine(run, "spec.json"), "{ \"name\": ");

        var plot = CliRun.Of("plot", "--results", Path.Combine(run, "results.csv"), "--out", _dir.File("f"));

        Assert.Equal(2, plot.ExitCode);
        Assert.Contains("spec.json", plot.Error);
        Assert.False(Directory.Exists(_dir.File("f")));
    }

    /// <summary>The same files with the same content: SVG text, PNG and PDF bytes.</summary>
    private static void AssertSameFigures(string expectedFolder, string actualFolder)
    {
        var expected = Directory.GetFiles(expectedFolder).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(expected, Directory.GetFiles(actualFolder).Select(Path.GetFileName).Order().ToArray());
        foreach (var name in expected)
        {
            var a = File.ReadAllBytes(Path.Combine(expectedFolder, name!));
            var b = File.ReadAllBytes(Path.Combine(actualFolder, name!));
            Assert.True(a.AsSpan().SequenceEqual(b), $"{name} differs between the sweep and the plot ({a.Length} against {b.Length} bytes)");
        }
    }

    [Fact]
    public void GivenAMissingOrWrongResultsFile_WhenPlotted_ThenExit2()
    {
        var missing = CliRun.Of("plot", "--results", _dir.File("none.csv"), "--out", _dir.File("f"));
        File.WriteAllText(_dir.File("table.txt"), "x");
        var wrong = CliRun.Of("plot", "--results", _dir.File("table.txt"), "--out", _dir.File("f"));

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("none.csv", missing.Error);
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains(".csv", wrong.Error);
    }
}
