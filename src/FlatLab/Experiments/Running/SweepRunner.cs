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
    public static SweepRunResult Run(SweepSpec spec, string runFolder, SweepRunSettings settings, CancellationToken cancel = default)
    {
        spec.Validate();
        settings.Validate();
        var folder = new RunFolder(runFolder);
        folder.Create();
        CheckSpecMatches(spec, folder, settings.Resume);

        var kernels = settings.Kernels ?? DenseKernels.Default;
        var cases = SweepCase.Expand(spec).Where(settings.Shard.Contains).ToList();
        using var store = ResultStore.Open(folder.StorePath);
        var resumed = cases.Count(c => store.Contains(c.Key));
        var pending = cases.Where(c => !store.Contains(c.Key)).ToList();

        var clock = Stopwatch.StartNew();
        int done = 0, failed = 0;
        var blas = kernels as OpenBlasKernels;
        var blasThreads = blas?.ThreadCount ?? 1;
        // Every case gets one BLAS thread, whatever the thread count: the cores are busy with cases, and
        // OpenBLAS's multithreaded routines (e.g. the eigenvalues behind phi_condition) round differently
        // with more threads, which would make the rows depend on --threads.
        if (blas is not null) blas.ThreadCount = 1;
        try
        {
            settings.Progress?.Report(new SweepProgress(cases.Count, resumed, 0, 0, clock.Elapsed, null));
            Parallel.ForEach(pending, new ParallelOptions { MaxDegreeOfParallelism = settings.Threads, CancellationToken = cancel }, c =>
            {
                var row = CaseRunner.Run(c, spec, kernels);
                store.Append(row);
                var nowDone = Interlocked.Increment(ref done);
                var nowFailed = row.Status == "solved" ? Volatile.Read(ref failed) : Interlocked.Increment(ref failed);
                settings.Progress?.Report(new SweepProgress(cases.Count, resumed, nowDone, nowFailed, clock.Elapsed, c.Key));
            });
        }
        finally
        {
            if (blas is not null) blas.ThreadCount = blasThreads;
        }

        var keys = cases.Select(c => c.Key).ToHashSet();
        var rows = store.Rows.Where(r => keys.Contains(r.CaseKey)).OrderBy(r => r.CaseIndex).ToList();
        return new SweepRunResult(rows, resumed, done, clock.Elapsed);
    }

    /// <summary>A run folder belongs to one spec: a resumed run must use the same one, a new run an empty folder.</summary>
    private static void CheckSpecMatches(SweepSpec spec, RunFolder runFolder, bool resume)
    {
        var path = runFolder.SpecPath;
        var text = SweepSpecJson.Write(spec);
        var hasStore = File.Exists(runFolder.StorePath);
        if (File.Exists(path))
        {
            if (!resume)
                throw new ArgumentException($"'{runFolder}' already holds a run; pass --resume to continue it, or choose another output folder.");
            if (File.ReadAllText(path) != text)
                throw new ArgumentException($"'{runFolder}' holds a run of a different spec; it cannot be resumed with this one.");
            return;
        }
        if (hasStore && !resume)
            throw new ArgumentException($"'{runFolder}' already holds results; pass --resume or choose another output folder.");
        runFolder.WriteText(RunFolder.SpecFileName, text);
    }
}
