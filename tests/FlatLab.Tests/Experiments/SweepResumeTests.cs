using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Runs;
using FlatLab.Tests.Cli;

namespace FlatLab.Tests.Experiments;

public sealed class SweepResumeTests
{
    [Fact]
    public void GivenAStoreWithSomeCasesAndATornLastLine_WhenResumed_ThenTheRowsEqualAnUninterruptedRun()
    {
        var spec = SweepRuns.Smoke;
        using var reference = new TempDirectory();
        using var run = new TempDirectory();
        var expected = SweepRuns.Run(spec, reference.Path);
        // Half the cases finished (shard 0/2 of the same spec), then a write cut off mid-line.
        SweepRuns.Run(spec, run.Path, shard: new ShardSpec(0, 2));
        var store = Path.Combine(run.Path, RunFolder.StoreFileName);
        var firstLine = SweepRuns.StoreLines(run.Path)[0];
        File.AppendAllText(store, firstLine[..(firstLine.Length / 2)].Replace("rho00", "rho01"));

        var resumed = SweepRuns.Run(spec, run.Path, resume: true);

        Assert.Equal(6, resumed.Resumed);
        Assert.Equal(6, resumed.Ran);
        Assert.Equal(SweepRuns.Comparable(expected.Rows), SweepRuns.Comparable(resumed.Rows));
        var lines = SweepRuns.StoreLines(run.Path);
        Assert.Equal(12, lines.Length);
        Assert.Equal(12, lines.Select(l => CaseResultJson.Read(l).CaseKey).Distinct().Count());
        Assert.EndsWith("\n", File.ReadAllText(store));
    }

    [Fact]
    public void GivenARunCancelledMidway_WhenResumed_ThenNothingFinishedIsRedoneAndTheRowsEqualAnUninterruptedRun()
    {
        var spec = SweepRuns.Smoke;
        using var reference = new TempDirectory();
        using var run = new TempDirectory();
        var expected = SweepRuns.Run(spec, reference.Path);
        using var cancel = new CancellationTokenSource();
        var progress = new ActionProgress(p => { if (p.Done >= 3) cancel.Cancel(); });

        Assert.ThrowsAny<OperationCanceledException>(() =>
            SweepRuns.Run(spec, run.Path, threads: 1, progress: progress, cancel: cancel.Token));
        var saved = SweepRuns.StoreRows(run.Path);
        Assert.InRange(saved.Count, 3, 11);

        var resumed = SweepRuns.Run(spec, run.Path, resume: true);

        Assert.Equal(saved.Count, resumed.Resumed);
        Assert.Equal(12 - saved.Count, resumed.Ran);
        Assert.Equal(SweepRuns.Comparable(expected.Rows), SweepRuns.Comparable(resumed.Rows));
        // The rows saved before the stop were kept, not recomputed: their timings are unchanged.
        var after = SweepRuns.StoreRows(run.Path).ToDictionary(r => r.CaseKey);
        Assert.All(saved, r => Assert.Equal(r.CaseSeconds, after[r.CaseKey].CaseSeconds));
    }

    [Fact]
    public void GivenAFinishedRun_WhenResumed_ThenNoCaseRuns()
    {
        using var run = new TempDirectory();
        var first = SweepRuns.Run(SweepRuns.Smoke, run.Path);
        var bytes = File.ReadAllBytes(Path.Combine(run.Path, RunFolder.StoreFileName));

        var again = SweepRuns.Run(SweepRuns.Smoke, run.Path, resume: true);

        Assert.Equal(0, again.Ran);
        Assert.Equal(12, again.Resumed);
        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(run.Path, RunFolder.StoreFileName)));
        Assert.Equal(SweepRuns.Comparable(first.Rows), SweepRuns.Comparable(again.Rows));
    }

    private sealed class ActionProgress(Action<SweepProgress> action) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value) => action(value);
    }
}
