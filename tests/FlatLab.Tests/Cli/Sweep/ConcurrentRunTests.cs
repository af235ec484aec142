using System.Globalization;
using System.Text.Json;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Runs;
using FlatLab.Experiments.Specs;
using FlatLab.Tests.Experiments;

namespace FlatLab.Tests.Cli.Sweep;

/// <summary>
/// Two processes writing one folder, as a re-submitted Slurm array or a repeated command does:
/// one is refused with exit 2 naming the other, and nothing the other writes is lost or mixed.
/// </summary>
public sealed class ConcurrentRunTests : IDisposable
{
    /// <summary>18 cases of roughly 0.1 s each on one thread: the two processes overlap for seconds.</summary>
    private const string SpecText = """
        { "name": "twice", "seed": 13, "seeds": 3,
          "rho": { "min": 0.1, "max": 0.8, "count": 6 },
          "population": { "method": "exact", "samples": 1000 },
          "panels": [ { "name": "relu", "activation": "relu", "d": 10, "n": 200, "m": 400 } ] }
        """;

    private const int Total = 18;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void GivenTwoResumesStartedTogether_ThenOneIsRefusedNamingTheOtherAndTheStoreHoldsEveryCaseOnce()
    {
        var spec = _dir.File("twice.jsonc");
        File.WriteAllText(spec, SpecText);
        var output = _dir.File("run");
        string[] args = ["sweep", "--spec", spec, "--out", output, "--resume", "--threads", "1"];

        using var first = CliProcess.Start(args);
        using var second = CliProcess.Start(args);
        var runs = new[] { CliProcess.Finish(first, Patience), CliProcess.Finish(second, Patience) };
        var pids = new[] { first.Id, second.Id };

        var winner = Array.FindIndex(runs, r => r.ExitCode == 0);
        Assert.True(winner >= 0, string.Join(" | ", runs.Select(r => $"{r.ExitCode}: {r.Error}")));
        var loser = runs[1 - winner];
        Assert.Equal(2, loser.ExitCode);
        Assert.Contains($"'{output}' is in use by process {pids[winner]} on {Environment.MachineName}", Assert.Single(loser.ErrorLines, l => l.StartsWith("flatlab: error", StringComparison.Ordinal)));
        Assert.Contains($"{Total} cases ({Total} run now, 0 resumed)", runs[winner].Output);

        var lines = SweepRuns.StoreLines(output);
        Assert.Equal(Total, lines.Length);
        Assert.Equal(Total, lines.Select(l => CaseResultJson.Read(l).CaseKey).Distinct().Count());
        Assert.EndsWith("\n", File.ReadAllText(Path.Combine(output, RunFolder.StoreFileName)));
        var reference = SweepRuns.Run(SweepSpecJson.Parse(SpecText), _dir.File("reference"));
        Assert.Equal(SweepRuns.Comparable(reference.Rows), SweepRuns.Comparable(SweepRuns.StoreRows(output)));
    }

    [Fact]
    public void GivenASweepRunning_WhenASecondResumeStarts_ThenItIsRefusedAndTheFirstLosesNothing()
    {
        var spec = _dir.File("twice.jsonc");
        File.WriteAllText(spec, SpecText);
        var output = _dir.File("run");
        string[] args = ["sweep", "--spec", spec, "--out", output, "--resume", "--threads", "1"];

        using var first = CliProcess.Start(args);
        WaitForLines(output, 2, first);
        var second = CliProcess.Finish(CliProcess.Start(args), Patience);
        var finished = CliProcess.Finish(first, Patience);

        Assert.Equal(2, second.ExitCode);
        Assert.Contains($"is in use by process {first.Id} on {Environment.MachineName}", second.Error);
        Assert.True(finished.ExitCode == 0, finished.Error);
        var keys = SweepRuns.StoreLines(output).Select(l => CaseResultJson.Read(l).CaseKey).ToList();
        Assert.Equal(SweepCase.Expand(SweepSpecJson.Parse(SpecText)).Select(c => c.Key).Order(), keys.Order());
    }

    [Fact]
    public void GivenTwoSolvesIntoOneFolder_ThenEachIsSolvedOrRefusedAndTheFilesAreOnePair()
    {
        var instances = new[] { (M: 300, Seed: "1"), (M: 340, Seed: "2") }.Select(i =>
        {
            var folder = _dir.File($"instance-{i.M}");
            var generated = CliRun.Of("generate", "--d", "10", "--n", "150", "--m", i.M.ToString(CultureInfo.InvariantCulture),
                "--seed", i.Seed, "--out", folder);
            Assert.True(generated.ExitCode == 0, generated.Error);
            return folder;
        }).ToArray();
        var output = _dir.File("solve");
        string[] Solve(string folder) =>
        [
            "solve", "--features", Path.Combine(folder, "X.csv"), "--labels", Path.Combine(folder, "y.csv"),
            "--inner-weights", Path.Combine(folder, "W.csv"), "--activation", "relu", "--out", output,
        ];

        for (var round = 0; round < 3; round++)
        {
            using var a = CliProcess.Start(Solve(instances[0]));
            using var b = CliProcess.Start(Solve(instances[1]));
            var runs = new[] { CliProcess.Finish(a, Patience), CliProcess.Finish(b, Patience) };

            Assert.All(runs, r => Assert.True(r.ExitCode == 0 || (r.ExitCode == 2 && r.Error.Contains("is in use by process")), r.Error));
            Assert.Contains(runs, r => r.ExitCode == 0);
            // Whoever wrote last, the pair is its own: the weights file has one line per neuron of solution.json.
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "solution.json")));
            var m = json.RootElement.GetProperty("m").GetInt32();
            Assert.Equal(m, File.ReadAllLines(Path.Combine(output, "outer_weights.csv")).Length);
            Assert.Empty(Directory.GetFiles(output, "*.tmp"));
        }

        using (RunFolderLock.Acquire(output))
        {
            var refused = CliRun.Of(Solve(instances[0]));
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains($"'{output}' is in use by process {Environment.ProcessId} on {Environment.MachineName}", refused.Error);
        }
    }

    private static void WaitForLines(string output, int count, System.Diagnostics.Process child)
    {
        var path = Path.Combine(output, RunFolder.StoreFileName);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            if (File.Exists(path))
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream);
                if (reader.ReadToEnd().Count(c => c == '\n') >= count) return;
            }
            if (child.HasExited) Assert.Fail($"the sweep ended before {count} cases were saved: {child.StandardError.ReadToEnd()}");
            Thread.Sleep(5);
        }
        throw new TimeoutException($"fewer than {count} cases in {Patience}");
    }
}
