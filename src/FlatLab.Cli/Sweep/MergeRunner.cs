using System.Diagnostics;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Runs;
using FlatLab.LinearAlgebra;
using FlatLab.Reporting.Runs;

namespace FlatLab.Cli.Sweep;

/// <summary>
/// Runs <c>flatlab merge</c>: checks and joins the shards (<see cref="ShardMerge"/>), then writes
/// the merged run folder and its full report, as one <c>flatlab sweep</c> of the whole spec would.
/// </summary>
internal static class MergeRunner
{
    /// <summary>How many missing keys an error message lists.</summary>
    private const int KeysShown = 5;

    public static int Run(MergeSpec spec, CliStreams streams)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        // No shard may be written while it is read, and one process writes the output: every folder is locked.
        var locks = new List<RunFolderLock>();
        try
        {
            foreach (var shard in spec.Shards.Where(s => new RunFolder(s).HoldsRun).DistinctBy(Path.GetFullPath))
                locks.Add(RunFolderLock.AcquireForReading(shard));
            return Merge(spec, streams, started, clock, locks);
        }
        finally
        {
            foreach (var held in locks) held.Dispose();
        }
    }

    private static int Merge(MergeSpec spec, CliStreams streams, DateTimeOffset started, Stopwatch clock, List<RunFolderLock> locks)
    {
        var merged = ShardMerge.Read(spec.Shards);
        if (spec.Resamples is not null || spec.Level is not null || spec.BootstrapSeed is not null)
            merged = merged with
            {
                Spec = merged.Spec with
                {
                    Statistics = Commands.OptionParsing.Statistics(merged.Spec.Statistics, spec.Resamples, spec.Level, spec.BootstrapSeed),
                },
            };
        if (!merged.IsComplete)
        {
            var first = string.Join(", ", merged.MissingKeys.Take(KeysShown)) + (merged.MissingKeys.Count > KeysShown ? ", ..." : "");
            var message = $"{merged.MissingKeys.Count} of {merged.Expected} cases are in none of the shards (first: {first})";
            if (!spec.AllowPartial)
                throw new InputException($"{message}; run or resume the missing shards, or pass --allow-partial to merge what is there.");
            streams.Error.WriteLine($"flatlab: warning: {message}; merging the {merged.Rows.Count} present (--allow-partial).");
        }

        // The shards are good: the output folder is created and locked only now.
        ShardMerge.CheckOutputFolder(spec.OutputDirectory, spec.Shards);
        var target = new RunFolder(spec.OutputDirectory);
        target.Create();
        locks.Add(target.Lock());
        RunFolderPaths.RemoveTemporaryFiles(target.Root);
        RunFolderPaths.RefuseLink(target.FiguresPath, target.Root);
        ShardMerge.Write(spec.OutputDirectory, merged);
        var result = new SweepRunResult(merged.Rows, merged.Rows.Count, 0, clock.Elapsed);
        var manifest = RunManifestFactory.Capture(merged.Spec, new SweepRunSettings { Kernels = DenseKernels.Default }, result, started, ShardNames(merged.Folders),
            streams.CommandLine);
        RunReport.Write(new RunFolder(spec.OutputDirectory), RunArtifacts.Create(merged.Spec, merged.Rows, manifest));

        var output = streams.Out;
        output.WriteLine(
            $"merge {merged.Spec.Name}: {merged.Folders.Count} shards, {merged.Rows.Count} of {merged.Expected} cases " +
            $"({merged.Overlapping} found in more than one shard, identical), {result.Failed} failed");
        output.WriteLine($"output: {spec.OutputDirectory} ({RunFolder.ReportFiles})");
        return ExitCodes.Success;
    }

    /// <summary>Each shard as its manifest names it ("1/3"), or by its folder when it has no readable manifest.</summary>
    private static List<string> ShardNames(IReadOnlyList<string> folders)
    {
        var names = new List<string>();
        foreach (var folder in folders)
        {
            try
            {
                names.AddRange(RunManifestJson.Load(new RunFolder(folder).ManifestPath).Shards);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
            {
                names.Add(folder); // a shard stopped before its end has cases but no manifest
            }
        }
        return names;
    }
}
