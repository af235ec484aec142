using System.Text.RegularExpressions;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Runs;
using FlatLab.Tests.Experiments;

namespace FlatLab.Tests.Cli.Sweep;

public sealed class SweepCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string[] ReportFiles = ["results.csv", "results.parquet", "manifest.json", "report.html", "summary.md"];

    [Fact]
    public void GivenTheSmokePreset_WhenSweptThroughTheCli_ThenEveryOutputIsWrittenAndTheSummarySaysSo()
    {
        var output = _dir.File("smoke");

        var run = CliRun.Of("sweep", "--preset", "smoke", "--out", output, "--threads", "2");

        Assert.True(run.ExitCode == 0, run.Error);
        foreach (var file in ReportFiles.Concat(["spec.json", "cases.jsonl"]))
            Assert.True(new FileInfo(Path.Combine(output, file)) is { Exists: true, Length: > 0 }, $"{file} missing or empty");
        var figures = Directory.GetFiles(Path.Combine(output, "figures"));
        Assert.Contains(figures, f => f.EndsWith(".png", StringComparison.Ordinal));
        Assert.Contains(figures, f => f.EndsWith(".svg", StringComparison.Ordinal));
        Assert.All(figures, f => Assert.True(new FileInfo(f).Length > 0, f));
        // Every case of the spec is a row; the summary counts them and names the folder.
        Assert.Equal(12, SweepRuns.StoreLines(output).Length);
        Assert.Contains("sweep smoke: 12 cases (12 run now, 0 resumed), 0 failed", run.Output);
        Assert.Contains(output, run.Output);
        // Progress goes to stderr as plain lines when stderr is not a terminal, ending at 100%.
        var progress = run.ErrorLines.Where(l => l.StartsWith('[')).ToArray();
        Assert.NotEmpty(progress);
        Assert.All(progress, l => Assert.Matches(@"^\[\s*\d+/12\] \d+\.\d% failed \d+ rate \d+\.\d/s left (\d+:\d\d|\?)$", l));
        Assert.StartsWith("[12/12] 100.0% failed 0", progress[^1]);
        Assert.DoesNotContain("[", run.Output);
    }

    [Fact]
    public void GivenAFinishedRun_WhenResumed_ThenNoCaseRunsAndTheReportIsWrittenAgain()
    {
        var output = _dir.File("run");
        Assert.Equal(0, CliRun.Of("sweep", "--preset", "smoke", "--out", output).ExitCode);
        var store = File.ReadAllBytes(Path.Combine(output, RunFolder.StoreFileName));
        foreach (var file in ReportFiles) File.Delete(Path.Combine(output, file));

        var run = CliRun.Of("sweep", "--preset", "smoke", "--out", output, "--resume");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("12 cases (0 run now, 12 resumed)", run.Output);
        Assert.Equal(store, File.ReadAllBytes(Path.Combine(output, RunFolder.StoreFileName)));
        Assert.All(ReportFiles, f => Assert.True(File.Exists(Path.Combine(output, f)), f));
    }

    [Fact]
    public void GivenAFolderWithARun_WhenSweptWithoutResume_ThenItIsRejectedAndLeftAlone()
    {
        var output = _dir.File("run");
        Assert.Equal(0, CliRun.Of("sweep", "--preset", "smoke", "--out", output, "--shard", "0/4").ExitCode);
        var before = File.ReadAllBytes(Path.Combine(output, RunFolder.StoreFileName));

        var run = CliRun.Of("sweep", "--preset", "smoke", "--out", output);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("already holds a run", run.Error);
        Assert.Contains("--resume", run.Error);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(output, RunFolder.StoreFileName)));
    }

    [Fact]
    public void GivenAFolderWithARunOfAnotherSpec_WhenResumed_ThenItIsRejected()
    {
        var output = _dir.File("run");
        Assert.Equal(0, CliRun.Of("sweep", "--preset", "smoke", "--out", output, "--shard", "0/4").ExitCode);
        var spec = _dir.File("other.jsonc");
        File.WriteAllText(spec, FlatLab.Experiments.Specs.SweepPresets.Text("smoke").Replace("\"seed\": 7", "\"seed\": 8"));

        var run = CliRun.Of("sweep", "--spec", spec, "--out", output, "--resume");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("different spec", run.Error);
        Assert.Equal(3, SweepRuns.StoreLines(output).Length);
    }

    [Fact]
    public void GivenAShard_WhenSwept_ThenItWritesItsCasesAndManifestButNoReport()
    {
        var output = _dir.File("shard");

        var run = CliRun.Of("sweep", "--preset", "smoke", "--out", output, "--shard", "1/3");

        Assert.True(run.ExitCode == 0, run.Error);
        var keys = SweepRuns.StoreRows(output).Select(r => r.CaseKey);
        Assert.Equal(SweepCase.Expand(SweepRuns.Smoke).Where(new ShardSpec(1, 3).Contains).Select(c => c.Key), keys);
        Assert.True(new FileInfo(Path.Combine(output, "manifest.json")) is { Exists: true, Length: > 0 });
        Assert.Contains("1/3", File.ReadAllText(Path.Combine(output, "manifest.json")));
        Assert.False(File.Exists(Path.Combine(output, "report.html")));
        Assert.False(Directory.Exists(Path.Combine(output, "figures")));
        Assert.Contains("flatlab merge", run.Output);
    }

    public static TheoryData<string, string, string> InvalidSpecs => new()
    {
        // the change to the smoke preset's text, then field and value the message must name
        { "\"values\": [0.1, 0.5, 0.9]", "\"values\": [0.1, 1.5, 0.9]", "rho.values[1] = 1.5" },
        { "\"n\": 30, \"m\": 60", "\"n\": 30, \"m\": 30", "panels[0].m = 30" },
        { "\"activation\": \"relu\"", "\"activation\": \"softplus\"", "panels[0].activation = softplus" },
        { "\"link\": \"single-index\"", "\"link\": \"cubic\"", "panels[0].link = cubic" },
        { "\"seeds\": 2", "\"seeds\": 2, \"seedz\": 3", "seedz = 3" },
        { "\"seeds\": 2", "\"seeds\": \"two\"", "seeds = \"two\"" },
        { "\"name\": \"quadratic\"", "\"name\": \"relu\"", "panels[].name = relu" },
        { "\"r\": 2, \"d\": 8", "\"r\": 8, \"d\": 8", "panels[1].r = 8" },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void GivenAnInvalidSpecFile_WhenSwept_ThenExit2NamesFieldAndValueAndNothingIsWritten(string from, string to, string named)
    {
        var text = FlatLab.Experiments.Specs.SweepPresets.Text("smoke");
        Assert.Contains(from, text);
        var spec = _dir.File("bad.jsonc");
        File.WriteAllText(spec, text.Replace(from, to));
        var output = _dir.File("out");

        var run = CliRun.Of("sweep", "--spec", spec, "--out", output);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("flatlab: error: --spec ", line);
        Assert.Contains(named + ": ", line);
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("--preset|nope", "Unknown preset 'nope'")]
    [InlineData("", "exactly one of --preset NAME and --spec FILE")]
    [InlineData("--preset|smoke|--spec|x.jsonc", "exactly one of --preset NAME and --spec FILE")]
    [InlineData("--spec|no-such-file.jsonc", "'no-such-file.jsonc' does not exist")]
    [InlineData("--preset|smoke|--shard|3/3", "--shard")]
    [InlineData("--preset|smoke|--shard|1-3", "--shard")]
    [InlineData("--preset|smoke|--threads|0", "--threads")]
    public void GivenBadOptions_WhenSwept_ThenExit2WithOneLineNamingTheProblem(string options, string expected)
    {
        var output = _dir.File("out");
        var args = new[] { "sweep", "--out", output }.Concat(options.Split('|', StringSplitOptions.RemoveEmptyEntries)).ToArray();

        var run = CliRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, Assert.Single(run.ErrorLines));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void GivenNoOut_WhenSwept_ThenExit2NamesTheOption()
    {
        var run = CliRun.Of("sweep", "--preset", "smoke");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--out", run.Error);
    }

    [Fact]
    public void GivenAResumeCommand_ThenItRepeatsTheSpecFolderAndShard()
    {
        var job = new FlatLab.Cli.Sweep.SweepCommandSpec(SweepRuns.Smoke, "--spec 'my spec.jsonc'", "runs/a b", false, new ShardSpec(2, 5), 2);

        Assert.Equal("flatlab sweep --spec 'my spec.jsonc' --out 'runs/a b' --resume --shard 2/5", job.ResumeCommand());
        Assert.Matches(new Regex("^flatlab sweep --preset smoke --out runs/x --resume$"),
            (job with { Source = "--preset smoke", OutputDirectory = "runs/x", Shard = ShardSpec.All }).ResumeCommand());
    }
}
