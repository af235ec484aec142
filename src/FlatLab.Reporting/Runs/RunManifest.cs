using System.Text.Json;

namespace FlatLab.Reporting.Runs;

/// <summary>
/// Where and how a run was produced (manifest.json): the spec, the FlatLab version and git commit, the
/// runtime, machine and BLAS, the run settings, and the timings and case counts.
/// </summary>
public sealed record RunManifest
{
    /// <summary>The sweep spec as written by SweepSpecJson.Write (a JSON object in manifest.json).</summary>
    public required JsonElement Spec { get; init; }
    public required string SpecName { get; init; }
    /// <summary>The FlatLab assembly's informational version without the commit suffix, e.g. "0.1.0".</summary>
    public required string FlatlabVersion { get; init; }
    /// <summary>The git commit FlatLab was built from, or "unknown" (built outside a git checkout).</summary>
    public required string GitCommit { get; init; }
    /// <summary><c>git describe --always --dirty</c> of the build tree at build time (e.g. "61d59fb-dirty"), or "unknown".</summary>
    public string GitDescribe { get; init; } = "unknown";
    /// <summary>Whether the build tree had uncommitted changes at build time; null when unknown (no git at build time).</summary>
    public bool? BuildDirty { get; init; }
    /// <summary>The command line that produced the run: the program name, then its arguments as given; empty when unknown.</summary>
    public IReadOnlyList<string> CommandLine { get; init; } = [];
    /// <summary>.NET runtime, e.g. ".NET 10.0.0".</summary>
    public required string Runtime { get; init; }
    public required string Os { get; init; }
    public required string Architecture { get; init; }
    public required string Host { get; init; }
    public required int Cores { get; init; }
    /// <summary>The dense kernels used (the BLAS name, or the managed fallback).</summary>
    public required string Blas { get; init; }
    public required int Threads { get; init; }
    /// <summary>The shards this table comes from ("0/1" for a single run; one entry per shard for a merge).</summary>
    public required IReadOnlyList<string> Shards { get; init; }
    /// <summary>Written in ISO 8601 UTC with at most 6 fractional digits (<see cref="RunManifestJson"/>).</summary>
    public required DateTimeOffset StartedUtc { get; init; }
    public required DateTimeOffset FinishedUtc { get; init; }
    public required double WallSeconds { get; init; }
    public required int CasesTotal { get; init; }
    public required int CasesSolved { get; init; }
    /// <summary>Cases whose status is not <c>solved</c>.</summary>
    public required int CasesFailed { get; init; }
    /// <summary>Cases drawn in the figures and used by the statistics (solved, finite F_min and population loss).</summary>
    public required int CasesUsable { get; init; }
    /// <summary>Cases found finished at start (a resumed run).</summary>
    public int CasesResumed { get; init; }
    /// <summary>Cases run by this run.</summary>
    public int CasesRan { get; init; }
    /// <summary>Mean of case_seconds over the cases that have it (NaN when none does).</summary>
    public required double MeanCaseSeconds { get; init; }
    /// <summary>Mean of solve_seconds over the cases that have it (NaN when none does).</summary>
    public required double MeanSolveSeconds { get; init; }
    /// <summary>The bootstrap behind stats.csv: resamples, level, seed and restricted ρ range (docs/statistics.md);
    /// null in manifests written before it was recorded.</summary>
    public FlatLab.Experiments.Analysis.StatisticsSettings? Statistics { get; init; }
}
