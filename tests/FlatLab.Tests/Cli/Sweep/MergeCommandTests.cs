using FlatLab.Tests.Experiments;

namespace FlatLab.Tests.Cli.Sweep;

public sealed class MergeCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string[] Shards(string prefix = "shard", params string[] extra)
    {
        var folders = new string[3];
        for (var i = 0; i < 3; i++)
        {
            folders[i] = _dir.File($"{prefix}-{i}");
            var run = CliRun.Of(["sweep", "--preset", "smoke", "--out", folders[i], "--shard", $"{i}/3", "--threads", "1", .. extra]);
            Assert.True(run.ExitCode == 0, run.Error);
        }
        return folders;
    }

    [Fact]
    public void GivenThreeShards_WhenMerged_ThenTheTableEqualsASingleRunAndTheReportIsWritten()
    {
        var single = _dir.File("single");
        Assert.Equal(0, CliRun.Of("sweep", "--preset", "smoke", "--out", single, "--threads", "2").ExitCode);
        var shards = Shards();
        var merged = _dir.File("merged");

        var run = CliRun.Of(["merge", "--out", merged, .. shards]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(SweepRuns.Comparable(SweepRuns.StoreRows(single)), SweepRuns.Comparable(SweepRuns.StoreRows(merged)));
        // Canonical order in the file itself, as a single run's report would list the rows.
        Assert.Equal(SweepRuns.StoreRows(merged).Select(r => r.CaseIndex), SweepRuns.StoreLines(merged)
            .Select(l => FlatLab.Experiments.Results.CaseResultJson.Read(l).CaseIndex));
        foreach (var file in new[] { "results.csv", "results.parquet", "manifest.json", "report.html", "summary.md", "spec.json" })
            Assert.True(new FileInfo(Path.Combine(merged, file)) is { Exists: true, Length: > 0 }, file);
        Assert.Contains("12 of 12 cases", run.Output);
    }

    [Fact]
    public void GivenAMissingShard_WhenMerged_ThenExit2ListsTheMissingCasesUnlessPartialIsAllowed()
    {
        var shards = Shards();
        var merged = _dir.File("merged");

        var refused = CliRun.Of("merge", "--out", merged, shards[0], shards[2]);
        var partial = CliRun.Of("merge", "--out", merged, "--allow-partial", shards[0], shards[2]);

        Assert.Equal(2, refused.ExitCode);
        var line = Assert.Single(refused.ErrorLines);
        Assert.Contains("4 of 12 cases", line);
        Assert.Contains("relu/s00/rho01", line); // index 1: the first case of shard 1/3
        Assert.Contains("--allow-partial", line);
        Assert.True(partial.ExitCode == 0, partial.Error);
        Assert.Equal(8, SweepRuns.StoreLines(merged).Length);
        Assert.Contains("8 of 12 cases", partial.Output);
        Assert.Contains("warning", partial.Error);
    }

    [Fact]
    public void GivenShardsOfDifferentSpecs_WhenMerged_ThenExit2NamesTheFolder()
    {
        var shards = Shards();
        var spec = _dir.File("other.jsonc");
        File.WriteAllText(spec, FlatLab.Experiments.Specs.SweepPresets.Text("smoke").Replace("\"samples\": 2000", "\"samples\": 3000"));
        var other = _dir.File("other-1");
        Assert.Equal(0, CliRun.Of("sweep", "--spec", spec, "--out", other, "--shard", "1/3").ExitCode);

        var run = CliRun.Of("merge", "--out", _dir.File("merged"), shards[0], other, shards[2]);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains(other, line);
        Assert.Contains("different spec", line);
        Assert.Contains("3000", line);
        Assert.False(Directory.Exists(_dir.File("merged")));
    }

    [Fact]
    public void GivenNoShardsOrAMissingFolder_WhenMerged_ThenExit2()
    {
        var none = CliRun.Of("merge", "--out", _dir.File("merged"));
        var missing = CliRun.Of("merge", "--out", _dir.File("merged"), _dir.File("nowhere"));

        Assert.Equal(2, none.ExitCode);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("nowhere", missing.Error);
    }
}
