using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Runs;
using FlatLab.Tests.Cli;

namespace FlatLab.Tests.Experiments;

public sealed class ShardMergeTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private string[] RunShards(int count, FlatLab.Experiments.Specs.SweepSpec? spec = null)
    {
        var folders = new string[count];
        for (var i = 0; i < count; i++)
        {
            folders[i] = _root.File($"shard-{i}-of-{count}");
            SweepRuns.Run(spec ?? SweepRuns.Smoke, folders[i], threads: 1, shard: new ShardSpec(i, count));
        }
        return folders;
    }

    [Fact]
    public void GivenThreeShards_WhenMerged_ThenTheRowsEqualASingleRunInCanonicalOrder()
    {
        var single = SweepRuns.Run(SweepRuns.Smoke, _root.File("single"));
        var shards = RunShards(3);

        var merged = ShardMerge.Read(shards);
        ShardMerge.Write(_root.File("merged"), merged);

        Assert.True(merged.IsComplete);
        Assert.Equal(0, merged.Overlapping);
        Assert.Equal(SweepRuns.Comparable(single.Rows), SweepRuns.Comparable(merged.Rows));
        // The written folder is a finished run: its store holds the same rows, in canonical order.
        var lines = SweepRuns.StoreLines(_root.File("merged"));
        Assert.Equal(SweepRuns.Comparable(single.Rows), SweepRuns.Comparable(lines.Select(CaseResultJson.Read)));
        Assert.Equal(File.ReadAllText(_root.File("single/spec.json")), File.ReadAllText(_root.File("merged/spec.json")));
    }

    [Fact]
    public void GivenShardsOfOneSpec_ThenTheyPartitionItsCases()
    {
        var shards = RunShards(3);
        var keys = shards.SelectMany(f => SweepRuns.StoreRows(f).Select(r => r.CaseKey)).ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(SweepCase.Expand(SweepRuns.Smoke).Select(c => c.Key).Order(), keys.Order());
        Assert.All(shards, f => Assert.Equal(4, SweepRuns.StoreRows(f).Count));
    }

    [Fact]
    public void GivenAMissingShard_WhenMerged_ThenTheMissingCasesAreListed()
    {
        var shards = RunShards(3);

        var merged = ShardMerge.Read([shards[0], shards[2]]);

        Assert.False(merged.IsComplete);
        var expectedMissing = SweepCase.Expand(SweepRuns.Smoke).Where(new ShardSpec(1, 3).Contains).Select(c => c.Key);
        Assert.Equal(expectedMissing, merged.MissingKeys);
        Assert.Equal(8, merged.Rows.Count);
        Assert.Equal(12, merged.Expected);
    }

    [Fact]
    public void GivenOverlappingShardsWithIdenticalRows_WhenMerged_ThenEachCaseIsKeptOnce()
    {
        var shards = RunShards(2);
        var whole = _root.File("whole");
        SweepRuns.Run(SweepRuns.Smoke, whole, threads: 1);

        var merged = ShardMerge.Read([shards[0], whole, shards[1]]);

        Assert.True(merged.IsComplete);
        Assert.Equal(12, merged.Rows.Count);
        Assert.Equal(12, merged.Overlapping);
    }

    [Fact]
    public void GivenShardsOfDifferentSpecs_WhenMerged_ThenTheErrorNamesTheFolder()
    {
        var shards = RunShards(2);
        var other = _root.File("other");
        SweepRuns.Run(SweepRuns.Smoke with { Seed = 8 }, other, threads: 1, shard: new ShardSpec(1, 2));

        var error = Assert.Throws<ArgumentException>(() => ShardMerge.Read([shards[0], other]));

        Assert.Contains(other, error.Message);
        Assert.Contains("different spec", error.Message);
        Assert.Contains("\"seed\": 8", error.Message);
    }

    [Fact]
    public void GivenACaseWithDifferentResultsInTwoShards_WhenMerged_ThenItIsAnError()
    {
        var shards = RunShards(2);
        var copy = _root.File("tampered");
        SweepRuns.Run(SweepRuns.Smoke, copy, threads: 1, shard: new ShardSpec(0, 2));
        var store = Path.Combine(copy, RunFolder.StoreFileName);
        var rows = SweepRuns.StoreLines(copy).Select(CaseResultJson.Read).ToList();
        // One unit in the last place: the merge compares bits, not values to a tolerance.
        rows[0] = rows[0] with { Rho = Math.BitIncrement(rows[0].Rho) };
        File.WriteAllLines(store, rows.Select(CaseResultJson.Write));

        var error = Assert.Throws<ArgumentException>(() => ShardMerge.Read([shards[0], shards[1], copy]));

        Assert.Contains(rows[0].CaseKey, error.Message);
        Assert.Contains(copy, error.Message);
    }

    [Fact]
    public void GivenAFolderThatIsNoRun_WhenMerged_ThenTheErrorNamesIt()
    {
        var empty = _root.File("empty");
        Directory.CreateDirectory(empty);

        var error = Assert.Throws<ArgumentException>(() => ShardMerge.Read([empty]));

        Assert.Contains(empty, error.Message);
        Assert.Contains("spec.json", error.Message);
    }

    [Fact]
    public void GivenTheOutputIsAShard_WhenWritten_ThenItIsRefused()
    {
        var shards = RunShards(2);
        var merged = ShardMerge.Read(shards);

        var error = Assert.Throws<ArgumentException>(() => ShardMerge.Write(shards[1], merged));

        Assert.Contains("one of the shards", error.Message);
        Assert.Equal(6, SweepRuns.StoreLines(shards[1]).Length);
    }
}
