using FlatLab.Experiments.Runs;
using FlatLab.Reporting.Runs;

namespace FlatLab.Tests.Cli.Sweep;

public sealed class ManifestCommandLineTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void GivenASweep_WhenItFinishes_ThenItsManifestHoldsTheCommandLineAsGivenAndTheReportShowsIt()
    {
        var run = _dir.File("run dir");
        var sweep = CliRun.Of("sweep", "--preset", "smoke", "--out", run, "--threads", "1");
        Assert.True(sweep.ExitCode == 0, sweep.Error);

        var manifest = RunManifestJson.Load(Path.Combine(run, RunFolder.ManifestFileName));
        Assert.Equal(["flatlab", "sweep", "--preset", "smoke", "--out", run, "--threads", "1"], manifest.CommandLine);
        var html = File.ReadAllText(Path.Combine(run, RunFolder.ReportFileName));
        Assert.Contains($"flatlab sweep --preset smoke --out &#39;{run}&#39; --threads 1", html);
    }
}
