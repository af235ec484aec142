using System.Text.Json;
using FlatLab.Experiments.Specs;

namespace FlatLab.Tests.Cli.Sweep;

public sealed class BootstrapOptionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string[][] Stats(string folder) =>
        File.ReadAllLines(Path.Combine(folder, "stats.csv")).Select(l => l.Split(',')).ToArray();

    private static int Column(string[][] table, string name) => Array.IndexOf(table[0], name);

    [Fact]
    public void GivenBootstrapOptions_WhenSweeping_ThenStatsManifestAndSpecRecordThem()
    {
        var folder = _dir.File("run");

        var run = CliRun.Of("sweep", "--preset", "smoke", "--out", folder, "--threads", "1", "--resamples", "300", "--level", "0.9", "--bootstrap-seed", "77");

        Assert.True(run.ExitCode == 0, run.Error);
        var stats = Stats(folder);
        Assert.True(stats.Length > 1);
        Assert.All(stats.Skip(1), r => Assert.Equal("0.9", r[Column(stats, "level")]));
        Assert.All(stats.Skip(1), r => Assert.Equal("77", r[^1]));
        Assert.All(stats.Skip(1), r => Assert.InRange(int.Parse(r[Column(stats, "resamples")], System.Globalization.CultureInfo.InvariantCulture), 0, 300));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")));
        var statistics = manifest.RootElement.GetProperty("statistics");
        Assert.Equal((300, 0.9, 77UL), (statistics.GetProperty("resamples").GetInt32(), statistics.GetProperty("level").GetDouble(), statistics.GetProperty("seed").GetUInt64()));
        var spec = SweepSpecJson.Load(Path.Combine(folder, "spec.json"));
        Assert.Equal(new StatisticsSpec { Resamples = 300, Level = 0.9, Seed = 77 }, spec.Statistics);
    }

    [Fact]
    public void GivenAFinishedRun_WhenResumedWithAnotherBootstrapSeed_ThenNoCaseRunsAndTheStatisticsChange()
    {
        // Six seeds, so that resamples differ (two seeds have only three distinct resamples).
        var spec = _dir.File("six-seeds.jsonc");
        File.WriteAllText(spec, """
            { "name": "six", "seed": 7, "seeds": 6, "rho": { "values": [0.1, 0.4, 0.7] }, "population": { "samples": 1000 },
              "panels": [ { "name": "relu", "d": 6, "n": 20, "m": 60 } ] }
            """);
        var folder = _dir.File("run");
        Assert.Equal(0, CliRun.Of("sweep", "--spec", spec, "--out", folder, "--threads", "1").ExitCode);
        var before = Stats(folder);
        var lines = File.ReadAllLines(Path.Combine(folder, "cases.jsonl"));

        var run = CliRun.Of("sweep", "--spec", spec, "--out", folder, "--threads", "1", "--resume", "--bootstrap-seed", "5");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("0 run now, 18 resumed", run.Output);
        Assert.Equal(lines, File.ReadAllLines(Path.Combine(folder, "cases.jsonl")));
        var after = Stats(folder);
        // The sweep seed (7) was the default bootstrap seed; the intervals follow the new one.
        Assert.All(before.Skip(1), r => Assert.Equal("7", r[^1]));
        Assert.All(after.Skip(1), r => Assert.Equal("5", r[^1]));
        var lower = Column(after, "lower");
        Assert.NotEqual(before.Skip(1).Select(r => r[lower]), after.Skip(1).Select(r => r[lower]));
    }

    [Theory]
    [InlineData("--level", "1.5", "--level: Level = 1.5: must lie strictly between 0 and 1")]
    [InlineData("--resamples", "10", "--resamples: Resamples = 10: must lie in [100, 1000000]")]
    public void GivenABootstrapOptionOutOfRange_WhenSweeping_ThenItExitsWithTwoNamingTheOption(string option, string value, string expected)
    {
        var folder = _dir.File("run");

        var run = CliRun.Of("sweep", "--preset", "smoke", "--out", folder, option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void GivenAStatisticsObjectOutOfRange_WhenParsed_ThenTheErrorNamesTheField()
    {
        var e = Assert.Throws<SpecException>(() => SweepSpecJson.Parse(
            """{ "statistics": { "resamples": 50 }, "panels": [ { "name": "p", "d": 5, "n": 10, "m": 20 } ] }"""));

        Assert.Contains("statistics.resamples = 50", e.Message);
    }

    [Fact]
    public void GivenShards_WhenMergedWithABootstrapSeed_ThenTheMergedStatisticsUseIt()
    {
        var shards = Enumerable.Range(0, 2).Select(i =>
        {
            var folder = _dir.File($"shard-{i}");
            Assert.Equal(0, CliRun.Of("sweep", "--preset", "smoke", "--out", folder, "--shard", $"{i}/2", "--threads", "1").ExitCode);
            return folder;
        }).ToArray();
        var merged = _dir.File("merged");

        var run = CliRun.Of(["merge", "--out", merged, "--bootstrap-seed", "9", "--resamples", "200", .. shards]);

        Assert.True(run.ExitCode == 0, run.Error);
        var stats = Stats(merged);
        Assert.All(stats.Skip(1), r => Assert.Equal("9", r[^1]));
        Assert.Equal(200, SweepSpecJson.Load(Path.Combine(merged, "spec.json")).Statistics.Resamples);
    }
}
