using FlatLab.Cli;
using FlatLab.Cli.Sweep;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Runs;
using FlatLab.Experiments.Specs;
using FlatLab.Tests.Experiments;

namespace FlatLab.Tests.Cli.Sweep;

/// <summary>
/// A run folder's store checks itself: damaged lines, rows of another spec and hostile files
/// (symbolic links, temporary files of a killed write) are named and refused, or repaired on request.
/// </summary>
public sealed class RunFolderIntegrityTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Store(string folder) => Path.Combine(folder, RunFolder.StoreFileName);

    private string FullSmokeRun(string name)
    {
        var output = _dir.File(name);
        var run = CliRun.Of("sweep", "--preset", "smoke", "--out", output, "--threads", "2");
        Assert.True(run.ExitCode == 0, run.Error);
        return output;
    }

    private string[] Uninterrupted() =>
        SweepRuns.Comparable(SweepRuns.Run(SweepRuns.Smoke, _dir.File("reference-" + Guid.NewGuid().ToString("N"))).Rows);

    private static void WriteLines(string path, IEnumerable<string> lines) => File.WriteAllText(path, string.Concat(lines.Select(l => l + "\n")));

    [Fact]
    public void GivenADamagedMiddleLine_WhenResumedOrMerged_ThenExit2NamesTheLineAndRepairRecoversTheUninterruptedResult()
    {
        var output = FullSmokeRun("run");
        var lines = SweepRuns.StoreLines(output);
        var damaged = lines[4][..40] + "\u0000garbage";
        lines[4] = damaged;
        WriteLines(Store(output), lines);
        var before = File.ReadAllBytes(Store(output));

        var resumed = CliRun.Of("sweep", "--preset", "smoke", "--out", output, "--resume");
        var merged = CliRun.Of("merge", "--out", _dir.File("merged"), output);

        Assert.Equal(2, resumed.ExitCode);
        var error = Assert.Single(resumed.ErrorLines, l => l.StartsWith("flatlab: error", StringComparison.Ordinal));
        Assert.Contains($"'{Store(output)}' holds a line that is damaged", error);
        Assert.Contains("line 5: not a case record", error);
        Assert.Contains("--repair", error);
        Assert.Equal(before, File.ReadAllBytes(Store(output)));
        // The same fault is the same exit code, and the same message, in merge.
        Assert.Equal(2, merged.ExitCode);
        Assert.Contains("line 5: not a case record", Assert.Single(merged.ErrorLines, l => l.StartsWith("flatlab: error", StringComparison.Ordinal)));

        var repaired = CliRun.Of("sweep", "--preset", "smoke", "--out", output, "--resume", "--repair");

        Assert.True(repaired.ExitCode == 0, repaired.Error);
        Assert.Contains($"repair: moved 1 line of {RunFolder.StoreFileName}", repaired.Error);
        Assert.Contains("12 cases (1 run now, 11 resumed)", repaired.Output);
        Assert.Equal(damaged + "\n", File.ReadAllText(Path.Combine(output, RunFolder.QuarantineFileName)));
        Assert.Equal(Uninterrupted(), SweepRuns.Comparable(SweepRuns.StoreRows(output)));
    }

    [Fact]
    public void GivenARowOfAnotherStudyAndARowOfNoCase_WhenResumed_ThenExit2NamesBothLinesAndRepairRecomputesThem()
    {
        var output = FullSmokeRun("run");
        var lines = SweepRuns.StoreLines(output).ToList();
        var third = CaseResultJson.Read(lines[2]);
        lines[2] = CaseResultJson.Write(third with { N = 200 });
        lines.Add(CaseResultJson.Write(third with { CaseKey = "relu/s07/rho00" }));
        WriteLines(Store(output), lines);

        var resumed = CliRun.Of("sweep", "--preset", "smoke", "--out", output, "--resume");

        Assert.Equal(2, resumed.ExitCode);
        var error = Assert.Single(resumed.ErrorLines, l => l.StartsWith("flatlab: error", StringComparison.Ordinal));
        Assert.Contains($"holds 2 lines that are damaged or not of this run", error);
        Assert.Contains($"line 3: case '{third.CaseKey}' has n = 200 where this spec gives 30", error);
        Assert.Contains("line 13: case 'relu/s07/rho00' is not a case of this spec", error);

        var repaired = CliRun.Of("sweep", "--preset", "smoke", "--out", output, "--resume", "--repair");

        Assert.True(repaired.ExitCode == 0, repaired.Error);
        Assert.Contains("12 cases (1 run now, 11 resumed)", repaired.Output);
        Assert.Equal([lines[2], lines[12]], File.ReadAllLines(Path.Combine(output, RunFolder.QuarantineFileName)));
        Assert.Equal(Uninterrupted(), SweepRuns.Comparable(SweepRuns.StoreRows(output)));
    }

    [Fact]
    public void GivenTwoDifferentRowsOfOneCase_WhenResumed_ThenBothAreNamedAndNeitherIsUsed()
    {
        var output = FullSmokeRun("run");
        var lines = SweepRuns.StoreLines(output).ToList();
        var first = CaseResultJson.Read(lines[0]);
        lines.Add(CaseResultJson.Write(first with { FlatnessMin = first.FlatnessMin * 2 }));
        WriteLines(Store(output), lines);

        var resumed = CliRun.Of("sweep", "--preset", "smoke", "--out", output, "--resume");

        Assert.Equal(2, resumed.ExitCode);
        Assert.Contains($"line 1: case '{first.CaseKey}' again on line 13 with different results", resumed.Error);
        Assert.Contains($"line 13: case '{first.CaseKey}' again with different results (first on line 1)", resumed.Error);
    }

    [Fact]
    public void GivenAFolderWithoutSpecJson_WhenResumedWithAnotherSpec_ThenItIsRefusedAndNothingIsReused()
    {
        var output = _dir.File("run");
        Assert.Equal(0, CliRun.Of("sweep", "--preset", "smoke", "--out", output, "--shard", "0/2", "--threads", "1").ExitCode);
        File.Delete(Path.Combine(output, RunFolder.SpecFileName));
        var before = File.ReadAllBytes(Store(output));
        var other = _dir.File("smaller.jsonc");
        File.WriteAllText(other, SweepPresets.Text("smoke").Replace("\"n\": 30", "\"n\": 20"));

        var resumed = CliRun.Of("sweep", "--spec", other, "--out", output, "--resume");

        Assert.Equal(2, resumed.ExitCode);
        Assert.Contains("holds 6 lines that are damaged or not of this run", resumed.Error);
        // The store is in finishing order, so which case is on line 1 depends on thread timing.
        Assert.Matches(@"line 1: case '[^']+/s\d\d/rho\d\d' has n = 30 where this spec gives 20", resumed.Error);
        Assert.Equal(before, File.ReadAllBytes(Store(output)));
        Assert.False(File.Exists(Path.Combine(output, RunFolder.SpecFileName)), "the folder must not be labelled with the other spec");
    }

    [Fact]
    public void GivenAStoreThatIsASymbolicLink_WhenResumed_ThenItIsRefusedAndTheTargetIsUntouched()
    {
        var victim = _dir.File("victim.txt");
        File.WriteAllText(victim, "not a store\n");
        var output = _dir.File("run");
        Directory.CreateDirectory(output);
        File.CreateSymbolicLink(Store(output), victim);

        var resumed = CliRun.Of("sweep", "--preset", "smoke", "--out", output, "--resume");

        Assert.Equal(2, resumed.ExitCode);
        Assert.Contains($"'{Store(output)}' is a symbolic link", resumed.Error);
        Assert.Equal("not a store\n", File.ReadAllText(victim));
    }

    [Fact]
    public void GivenAFiguresFolderThatIsASymbolicLink_WhenSwept_ThenItIsRefusedBeforeAnyCaseRuns()
    {
        var elsewhere = Directory.CreateDirectory(_dir.File("elsewhere")).FullName;
        var output = _dir.File("run");
        Directory.CreateDirectory(output);
        Directory.CreateSymbolicLink(Path.Combine(output, "figures"), elsewhere);

        var run = CliRun.Of("sweep", "--preset", "smoke", "--out", output);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("figures' is a symbolic link", run.Error);
        Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
        Assert.False(File.Exists(Store(output)));
    }

    [Fact]
    public void GivenTemporaryFilesOfAKilledReport_WhenResumed_ThenTheyAreRemoved()
    {
        var output = FullSmokeRun("run");
        var stray = new[] { Path.Combine(output, ".summary.md.0a1b.tmp"), Path.Combine(output, "figures", ".figure-smoke.svg.2c3d.tmp") };
        foreach (var file in stray) File.WriteAllText(file, "partial");

        var resumed = CliRun.Of("sweep", "--preset", "smoke", "--out", output, "--resume");

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains("removed 2 temporary files", resumed.Error);
        Assert.All(stray, f => Assert.False(File.Exists(f), f));
    }

    [Fact]
    public void GivenAFolderLockedByAnotherWriter_WhenSweptOrMerged_ThenEachIsRefusedWithExit2()
    {
        var output = FullSmokeRun("run");
        var before = File.ReadAllBytes(Store(output));
        using (RunFolderLock.Acquire(output))
        {
            var sweep = CliRun.Of("sweep", "--preset", "smoke", "--out", output, "--resume");
            var merge = CliRun.Of("merge", "--out", _dir.File("merged"), output);

            foreach (var run in new[] { sweep, merge })
            {
                Assert.Equal(2, run.ExitCode);
                Assert.Contains($"'{output}' is in use by process {Environment.ProcessId} on {Environment.MachineName}", Assert.Single(run.ErrorLines, l => l.StartsWith("flatlab: error", StringComparison.Ordinal)));
            }
        }
        Assert.Equal(before, File.ReadAllBytes(Store(output)));
    }

    [Fact]
    public void GivenAStopDuringTheReport_WhenTheSweepEnds_ThenTheExitCodeSaysItWasStopped()
    {
        var output = _dir.File("run");
        var error = new StringWriter();
        using var cancel = new CancellationTokenSource();
        var command = new SweepCommandSpec(SweepRuns.Smoke, "--preset smoke", output, false, ShardSpec.All, 2);

        // The stop arrives once every case is saved, while the report is being written.
        var code = SweepCommandRunner.Run(command, new CliStreams(new StringWriter(), error), new StopAfterCasesView(cancel), cancel.Token);

        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.Contains("the report", error.ToString());
        Assert.True(File.Exists(Path.Combine(output, "report.html")));
    }

    private sealed class StopAfterCasesView(CancellationTokenSource cancel) : ISweepProgressView
    {
        public T Run<T>(Func<IProgress<SweepProgress>, T> body)
        {
            var result = body(new Progress<SweepProgress>());
            cancel.Cancel();
            return result;
        }

        public void Notice(string message) { }
    }
}
