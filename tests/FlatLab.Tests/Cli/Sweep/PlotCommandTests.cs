using FlatLab.Tests.Experiments;

namespace FlatLab.Tests.Cli.Sweep;

[Collection(SweepCollection.Name)]
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
        // The same figures as the run drew, file for file.
        var original = Directory.GetFiles(Path.Combine(run, "figures")).Select(Path.GetFileName).Order();
        Assert.Equal(original, files.Select(Path.GetFileName).Order());
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
