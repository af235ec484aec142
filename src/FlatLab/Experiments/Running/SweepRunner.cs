using System.Diagnostics;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Runs;
using FlatLab.Experiments.Specs;
using FlatLab.LinearAlgebra;

namespace FlatLab.Experiments.Running;

/// <summary>
/// Runs the cases of a sweep (or of one shard) in parallel, writing each finished case durably to
/// the run folder's store at once. Seeds come from case keys, so the rows do not depend on the
/// thread count or the order; a killed run resumes where it stopped.
/// </summary>
public static class SweepRunner
{
    /// <param name="spec">A validated spec (<see cref="SweepSpecJson.Parse"/> and <see cref="SweepSpec.Validate"/> validate).</param>
    /// <param name="runFolder">The run folder; checked here, the one place that checks it.</param>
    public static SweepRunResult Run(SweepSpec spec, string runFolder, SweepRunSettings settings, CancellationToken cancel = default)
    {
        settings.Validate();
        var folder = new RunFolder(runFolder);
        if (File.Exists(folder.Root)) throw new ArgumentException($"The run folder '{folder.Root}' is a file, not a folder.");
        folder.Create();
        using var held = folder.Lock();
        return Run(spec, held, settings, cancel);
    }

    /// <summary>
    /// Runs the (validated) sweep in a folder whose lock the caller holds (and keeps holding while it writes the
    /// report): nothing in the folder is read or written before the lock is taken.
    /// </summary>
    public static SweepRunResult Run(SweepSpec spec, RunFolderLock folder, SweepRunSettings settings, CancellationToken cancel = default)
    {
        settings.Validate();
        if (!folder.IsHeld) throw new ArgumentException($"'{folder.Folder}' is not locked for writing.", nameof(folder));
        var runFolder = new RunFolder(folder.Folder);
        if (folder.StaleHolder is { } stale)
            settings.Notices?.Report($"note: took over the lock of {stale}, which ended without releasing it");
        var removed = RunFolderPaths.RemoveTemporaryFiles(runFolder.Root);
        if (removed > 0)
            settings.Notices?.Report($"note: removed {removed} temporary file{(removed == 1 ? "" : "s")} (*.tmp) an interrupted write left in '{runFolder}'");
        var newSpec = CheckSpecMatches(spec, runFolder, settings.Resume);

        var kernels = settings.Kernels;
        var cases = SweepCase.Expand(spec).Where(settings.Shard.Contains).ToList();
        var check = new StoredRowCheck(spec);
        using var store = ResultStore.Open(runFolder.StorePath, check.Mismatch, settings.Repair);
        Report(store.Recovery, settings.Notices);
        if (newSpec) runFolder.WriteText(RunFolder.SpecFileName, SweepSpecJson.Write(spec));
        var resumed = cases.Count(c => store.Contains(c.Key));
        var pending = cases.Where(c => !store.Contains(c.Key)).ToList();

        var clock = Stopwatch.StartNew();
        int done = 0, failed = 0;
        settings.Progress?.Report(new SweepProgress(cases.Count, resumed, 0, 0, clock.Elapsed, null));
        Parallel.ForEach(pending, new ParallelOptions { MaxDegreeOfParallelism = settings.Threads, CancellationToken = cancel }, c =>
        {
            var row = CaseRunner.Run(c, kernels);
            store.Append(row);
            var nowDone = Interlocked.Increment(ref done);
            var nowFailed = row.Status.IsUsable() ? Volatile.Read(ref failed) : Interlocked.Increment(ref failed);
            settings.Progress?.Report(new SweepProgress(cases.Count, resumed, nowDone, nowFailed, clock.Elapsed, c.Key));
        });

        var keys = cases.Select(c => c.Key).ToHashSet();
        var rows = store.Rows.Where(r => keys.Contains(r.CaseKey)).Select(check.Indexed).OrderBy(r => r.CaseIndex).ToList();
        return new SweepRunResult(rows, resumed, done, clock.Elapsed);
    }

    private static void Report(StoreRecovery recovery, IProgress<string>? notices)
    {
        if (notices is null) return;
        if (recovery.TornBytes > 0)
            notices.Report($"warning: cut a partial last line ({recovery.TornBytes} bytes) of {RunFolder.StoreFileName}, left by a run that was killed while writing; its case runs again");
        if (recovery.Quarantined > 0)
        {
            notices.Report($"repair: moved {recovery.Quarantined} line{(recovery.Quarantined == 1 ? "" : "s")} of {RunFolder.StoreFileName} " +
                           $"to {recovery.QuarantinePath}; their cases run again:");
            foreach (var line in recovery.QuarantinedLines) notices.Report("  " + line);
        }
    }

    /// <summary>The folder's spec.json against this spec's text; one written by an earlier version (with
    /// derived fields, or names as typed) is compared as the spec it reads as.</summary>
    private static bool SameSpec(string written, string text)
    {
        if (written == text) return true;
        try
        {
            return SweepSpecJson.Write(SweepSpecJson.Parse(written)) == text;
        }
        catch (SpecException)
        {
            return false;
        }
    }

    /// <summary>
    /// A run folder belongs to one spec: a resumed run must use the same one or extend it (<see cref="SpecExtension"/>),
    /// a new run an empty folder. True when spec.json is to be written: the folder has none yet, or an extension replaces it; it is written only once the store's rows passed their
    /// check, so a folder of another study never gets this spec's name on it.
    /// </summary>
    private static bool CheckSpecMatches(SweepSpec spec, RunFolder runFolder, bool resume)
    {
        var path = runFolder.SpecPath;
        RunFolderPaths.RefuseLink(path, runFolder.Root);
        var text = SweepSpecJson.Write(spec);
        var hasStore = File.Exists(runFolder.StorePath);
        if (File.Exists(path))
        {
            if (!resume)
                throw new ArgumentException($"'{runFolder}' already holds a run; pass --resume to continue it, or choose another output folder.");
            var written = File.ReadAllText(path);
            if (SameSpec(written, text)) return false;
            // More seeds, ρ values or grid values extend the run: its finished cases keep their keys and rows.
            var difference = SpecExtension.Difference(written, spec);
            if (difference is null) return true;
            throw new ArgumentException(
                $"'{runFolder}' holds a run of a different spec (its {RunFolder.SpecFileName}): {difference}; --resume may only add seeds, " +
                $"rho values (after the finished ones) or grid values. Resume it with --spec {runFolder.SpecPath}, or choose another output folder.");
        }
        if (hasStore && !resume)
            throw new ArgumentException($"'{runFolder}' already holds results; pass --resume or choose another output folder.");
        return true;
    }
}
