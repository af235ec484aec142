using FlatLab.Experiments.Runs;
using FlatLab.Tests.Cli;

namespace FlatLab.Tests.Experiments.Runs;

public sealed class RunFolderLockTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void GivenAHeldLock_WhenTakenAgain_ThenItIsRefusedNamingTheProcessAndHost()
    {
        using var first = RunFolderLock.Acquire(_dir.Path);

        // flock excludes every other open of the file, in this process too.
        var error = Assert.Throws<RunFolderInUseException>(() => RunFolderLock.Acquire(_dir.Path));

        Assert.Contains($"'{_dir.Path}' is in use by process {Environment.ProcessId} on {Environment.MachineName}", error.Message);
        Assert.StartsWith($"process {Environment.ProcessId} on {Environment.MachineName} (since ", error.Holder);
    }

    [Fact]
    public void GivenAReleasedLock_WhenTakenAgain_ThenItIsFreeAndNothingIsStale()
    {
        RunFolderLock.Acquire(_dir.Path).Dispose();
        var released = new FileInfo(Path.Combine(_dir.Path, RunFolder.LockFileName)).Length;

        using var again = RunFolderLock.Acquire(_dir.Path);

        Assert.Equal(0, released); // a released lock leaves an empty file: nothing to take over
        Assert.True(again.IsHeld);
        Assert.Null(again.StaleHolder);
    }

    [Fact]
    public void GivenTheLockFileOfAKilledProcess_WhenTaken_ThenItIsTakenOverAndTheOldHolderNamed()
    {
        // What a process killed while holding the lock leaves: its text, but no flock (the kernel dropped it).
        File.WriteAllText(Path.Combine(_dir.Path, RunFolder.LockFileName), "pid 4194301\nhost node-17\nsince 2026-01-02T03:04:05Z\n");

        using var taken = RunFolderLock.Acquire(_dir.Path);

        Assert.Equal("process 4194301 on node-17 (since 2026-01-02T03:04:05Z)", taken.StaleHolder);
        var error = Assert.Throws<RunFolderInUseException>(() => RunFolderLock.Acquire(_dir.Path));
        Assert.StartsWith($"process {Environment.ProcessId} on ", error.Holder);
    }

    [Fact]
    public void GivenALockFileThatIsASymbolicLink_WhenTaken_ThenItIsRefusedAndTheTargetUntouched()
    {
        var outside = _dir.File("outside.txt");
        File.WriteAllText(outside, "precious");
        var run = _dir.File("run");
        Directory.CreateDirectory(run);
        File.CreateSymbolicLink(Path.Combine(run, RunFolder.LockFileName), outside);

        var error = Assert.Throws<ArgumentException>(() => RunFolderLock.Acquire(run));

        Assert.Contains("symbolic link", error.Message);
        Assert.Equal("precious", File.ReadAllText(outside));
    }

    [Fact]
    public void GivenTemporaryFilesOfAKilledWrite_WhenRemoved_ThenOnlyThoseGoAndLinksAreNotFollowed()
    {
        var figures = Directory.CreateDirectory(_dir.File("figures")).FullName;
        var elsewhere = Directory.CreateDirectory(_dir.File("../" + Path.GetFileName(_dir.Path) + "-elsewhere")).FullName;
        try
        {
            File.WriteAllText(Path.Combine(elsewhere, "keep.tmp"), "not ours");
            Directory.CreateSymbolicLink(_dir.File("linked"), elsewhere);
            File.WriteAllText(_dir.File(".results.csv.0123.tmp"), "partial");
            File.WriteAllText(Path.Combine(figures, ".figure-2.svg.4567.tmp"), "partial");
            File.WriteAllText(_dir.File("results.csv"), "complete");

            var removed = RunFolderPaths.RemoveTemporaryFiles(_dir.Path);

            Assert.Equal(2, removed);
            Assert.False(File.Exists(_dir.File(".results.csv.0123.tmp")));
            Assert.Empty(Directory.GetFiles(figures));
            Assert.True(File.Exists(_dir.File("results.csv")));
            Assert.True(File.Exists(Path.Combine(elsewhere, "keep.tmp")));
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }
}
