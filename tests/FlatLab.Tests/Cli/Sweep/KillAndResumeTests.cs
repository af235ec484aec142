using System.Diagnostics;
using System.Runtime.InteropServices;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Runs;
using FlatLab.Experiments.Specs;
using FlatLab.Tests.Experiments;

namespace FlatLab.Tests.Cli.Sweep;

/// <summary>
/// A sweep in a child process (the built CLI next to this assembly), stopped hard (SIGKILL) or
/// politely (SIGINT, SIGTERM) mid-run, then resumed in-process: the rows must equal an uninterrupted run.
/// </summary>
public sealed class KillAndResumeTests : IDisposable
{
    /// <summary>18 cases of roughly 0.1 s each on one thread: a window of seconds to stop the child in.</summary>
    private const string SpecText = """
        { "name": "kill", "seed": 11, "seeds": 3,
          "rho": { "min": 0.1, "max": 0.8, "count": 6 },
          "population": { "method": "exact", "samples": 1000 },
          "panels": [ { "name": "relu", "activation": "relu", "d": 10, "n": 200, "m": 400 } ] }
        """;

    private const int Total = 18;

    private readonly TempDirectory _dir = new();
    private readonly string _spec;

    public KillAndResumeTests()
    {
        _spec = _dir.File("kill.jsonc");
        File.WriteAllText(_spec, SpecText);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void GivenASweepKilledMidRunWithATornLastLine_WhenResumed_ThenTheRowsEqualAnUninterruptedRun()
    {
        var output = _dir.File("killed");
        using (var child = StartChild(output))
        {
            var saved = WaitForCases(output, 3, child);
            child.Kill(); // SIGKILL: no handler runs
            child.WaitForExit();
            Assert.InRange(saved, 3, Total - 1);
        }
        var before = CompleteLines(output);
        Assert.InRange(before.Length, 3, Total - 1);
        // A write torn by the kill: half a record, no newline.
        File.AppendAllText(Path.Combine(output, RunFolder.StoreFileName), before[0][..(before[0].Length / 2)]);

        var resumed = CliRun.Of("sweep", "--spec", _spec, "--out", output, "--resume", "--threads", "2");

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains($"{Total} cases ({Total - before.Length} run now, {before.Length} resumed)", resumed.Output);
        AssertEqualsUninterruptedRun(output);
        // The rows saved before the kill were kept as they were.
        var after = CompleteLines(output);
        Assert.Equal(before, after[..before.Length]);
    }

    [SigintFact]
    public void GivenASweepStoppedBySigint_ThenItStopsCleanlyAndSaysHowToResume() => StopsCleanlyAndSaysHowToResume(Sigint, 130);

    [Fact]
    public void GivenASweepStoppedBySigterm_ThenItStopsCleanlyAndSaysHowToResume() => StopsCleanlyAndSaysHowToResume(Sigterm, 143);

    private void StopsCleanlyAndSaysHowToResume(int signal, int expectedExitCode)
    {
        var output = _dir.File("interrupted");
        string error;
        int exitCode;
        using (var child = StartChild(output))
        {
            WaitForCases(output, 2, child);
            Assert.Equal(0, kill(child.Id, signal));
            Assert.True(child.WaitForExit(TimeSpan.FromSeconds(60)), $"the child did not stop after signal {signal}");
            error = child.StandardError.ReadToEnd();
            exitCode = child.ExitCode;
        }
        var saved = CompleteLines(output).Length;

        Assert.Equal(expectedExitCode, exitCode);
        Assert.Contains($"interrupted: {saved} of {Total} cases are saved", error);
        Assert.Contains($"continue with: flatlab sweep --spec {_spec} --out {output} --resume", error);
        Assert.True(File.ReadAllText(Path.Combine(output, RunFolder.StoreFileName)).EndsWith('\n'), "a clean stop leaves no partial line");
        Assert.False(File.Exists(Path.Combine(output, "report.html")));

        var resumed = CliRun.Of("sweep", "--spec", _spec, "--out", output, "--resume");

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        AssertEqualsUninterruptedRun(output);
    }

    private void AssertEqualsUninterruptedRun(string output)
    {
        var reference = SweepRuns.Run(SweepSpecJson.Parse(SpecText), _dir.File("reference-" + Guid.NewGuid().ToString("N")));
        var lines = CompleteLines(output);
        var keys = lines.Select(l => CaseResultJson.Read(l).CaseKey).ToList();
        Assert.Equal(Total, lines.Length);
        Assert.Equal(Total, keys.Distinct().Count());
        Assert.Equal(SweepCase.Expand(SweepSpecJson.Parse(SpecText)).Select(c => c.Key).Order(), keys.Order());
        Assert.Equal(SweepRuns.Comparable(reference.Rows), SweepRuns.Comparable(SweepRuns.StoreRows(output)));
    }

    private Process StartChild(string output)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "FlatLab.Cli.dll");
        Assert.True(File.Exists(cli), $"the CLI is not built next to the tests: {cli}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { cli, "sweep", "--spec", _spec, "--out", output, "--threads", "1" })
            start.ArgumentList.Add(arg);
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the CLI");
    }

    /// <summary>Polls the child's store until it holds <paramref name="count"/> complete records.</summary>
    private static int WaitForCases(string output, int count, Process child)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            var lines = CompleteLines(output).Length;
            if (lines >= count) return lines;
            if (child.HasExited) Assert.Fail($"the child exited before {count} cases were saved: {child.StandardError.ReadToEnd()}");
            Thread.Sleep(5);
        }
        throw new TimeoutException($"the child wrote fewer than {count} cases in 60 s");
    }

    /// <summary>The store's records up to its last newline (what a reader may rely on while it is written).</summary>
    private static string[] CompleteLines(string output)
    {
        var path = Path.Combine(output, RunFolder.StoreFileName);
        if (!File.Exists(path)) return [];
        string text;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var reader = new StreamReader(stream))
            text = reader.ReadToEnd();
        return text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private const int Sigint = 2;
    private const int Sigterm = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
