using FlatLab.LinearAlgebra;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Runs;
using FlatLab.Experiments.Specs;

namespace FlatLab.Tests.Experiments;

/// <summary>Small sweeps and row comparisons shared by the sweep tests.</summary>
internal static class SweepRuns
{
    public static SweepSpec Smoke => SweepPresets.Get("smoke");

    /// <summary>
    /// 24 cases of about 0.1 s each on one thread: slow enough to be interrupted mid-run, fast enough
    /// for a test. Its largest rho makes some cases fail, so failed rows are covered too.
    /// </summary>
    public const string SlowSpecText = """
        // 24 cases: one panel, six rho values, four seeds.
        { "name": "slow", "seed": 3, "seeds": 4,
          "rho": { "min": 0.1, "max": 0.9, "count": 6 },
          "population": { "method": "exact", "samples": 1000 },
          "panels": [ { "name": "relu", "link": "single-index", "activation": "relu", "d": 10, "n": 120, "m": 240 } ] }
        """;

    /// <summary>
    /// Paper-sized matrices (n = 400, m = 800), large enough for OpenBLAS to split its work across
    /// threads, where a thread-dependent rounding would show.
    /// </summary>
    public const string PaperSizedSpecText = """
        { "name": "paper-sized", "seed": 5, "seeds": 1,
          "rho": { "values": [0.1, 0.6] },
          "panels": [ { "name": "quadratic", "link": "sum-single-index", "activation": "quadratic", "r": 2,
                        "d": 30, "n": 400, "m": 800 } ] }
        """;

    public static SweepRunResult Run(SweepSpec spec, string folder, int threads = 2, ShardSpec? shard = null,
        bool resume = false, IProgress<SweepProgress>? progress = null, CancellationToken cancel = default) =>
        SweepRunner.Run(spec, folder, new SweepRunSettings
        {
            Threads = threads,
            Shard = shard ?? ShardSpec.All,
            Resume = resume,
            Progress = progress,
            Kernels = DenseKernels.Default,
        }, cancel);

    /// <summary>
    /// Each row as its JSON line without the timing columns: equal strings mean equal rows with
    /// bit-identical numbers (doubles are written in their shortest round-trip form).
    /// </summary>
    public static string[] Comparable(IEnumerable<CaseResult> rows) =>
        rows.Select(r => CaseResultJson.Write(ShardMerge.WithoutTiming(r))).ToArray();

    /// <summary>The complete lines of a run folder's cases.jsonl.</summary>
    public static string[] StoreLines(string folder) =>
        File.ReadAllText(Path.Combine(folder, RunFolder.StoreFileName)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The rows of a run folder's store in canonical order (as a resumed run reads them).</summary>
    public static IReadOnlyList<CaseResult> StoreRows(string folder)
    {
        using var store = ResultStore.Open(Path.Combine(folder, RunFolder.StoreFileName));
        return store.Rows.OrderBy(r => r.CaseIndex).ToList();
    }
}
