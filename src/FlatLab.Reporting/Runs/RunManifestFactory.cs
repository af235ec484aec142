using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Specs;
using FlatLab.LinearAlgebra;

namespace FlatLab.Reporting.Runs;

/// <summary>Records a finished run: what ran (the spec), with what (version, commit, runtime, machine, BLAS), how long.</summary>
public static class RunManifestFactory
{
    /// <param name="started">When the run started; it finishes now.</param>
    /// <param name="shards">The shards joined into this table (a merge); by default the run's own shard.</param>
    /// <param name="commandLine">The program name and arguments that started the run; empty when not given.</param>
    public static RunManifest Capture(SweepSpec spec, SweepRunSettings settings, SweepRunResult result, DateTimeOffset started,
        IReadOnlyList<string>? shards = null, IReadOnlyList<string>? commandLine = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(result);
        var finished = Microseconds(DateTimeOffset.UtcNow);
        started = Microseconds(started.ToUniversalTime());
        var rows = result.Rows;
        var (version, commit) = Version();
        var describe = GitDescribe();
        using var specJson = JsonDocument.Parse(SweepSpecJson.Write(spec));
        return new RunManifest
        {
            Spec = specJson.RootElement.Clone(),
            Statistics = spec.Statistics.ToSettings(spec.Seed),
            SpecName = spec.Name,
            FlatlabVersion = version,
            GitCommit = commit,
            GitDescribe = describe,
            BuildDirty = describe == "unknown" ? null : describe.EndsWith("-dirty", StringComparison.Ordinal),
            CommandLine = commandLine?.ToList() ?? [],
            Runtime = RuntimeInformation.FrameworkDescription,
            Os = RuntimeInformation.OSDescription,
            Architecture = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(),
            Host = Environment.MachineName,
            Cores = Environment.ProcessorCount,
            Blas = settings.Kernels.Name,
            Threads = settings.Threads,
            Shards = shards is { Count: > 0 } ? shards.ToList() : [settings.Shard.ToString()],
            StartedUtc = started,
            FinishedUtc = finished,
            WallSeconds = Math.Max(0, (finished - started).TotalSeconds),
            CasesTotal = rows.Count,
            CasesSolved = rows.Count(r => r.Status.IsUsable()),
            CasesFailed = rows.Count(r => !r.Status.IsUsable()),
            CasesUsable = rows.Count(r => r.IsUsable),
            CasesResumed = result.Resumed,
            CasesRan = result.Ran,
            MeanCaseSeconds = Mean(rows.Select(r => r.CaseSeconds)),
            MeanSolveSeconds = Mean(rows.Select(r => r.SolveSeconds)),
        };
    }

    /// <summary>FlatLab's version and git commit, from its informational version "0.1.0+&lt;commit&gt;" (the SDK
    /// appends the commit when it builds from a git checkout).</summary>
    public static (string Version, string GitCommit) Version()
    {
        var informational = typeof(SweepRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var plus = informational.IndexOf('+');
        if (plus < 0) return (informational, "unknown");
        var commit = informational[(plus + 1)..];
        var isCommit = commit.Length is >= 7 and <= 64 && commit.All(char.IsAsciiHexDigit);
        return (informational[..plus], isCommit ? commit : "unknown");
    }

    /// <summary><c>git describe --always --dirty</c> of the tree FlatLab was built from, embedded by the build as
    /// the assembly metadata "GitDescribe" (src/FlatLab/FlatLab.csproj); "unknown" when git was not available.</summary>
    public static string GitDescribe()
    {
        var value = typeof(SweepRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "GitDescribe")?.Value;
        return string.IsNullOrWhiteSpace(value) ? "unknown" : value.Trim();
    }

    /// <summary>The time to whole microseconds, as manifest.json writes it, so a manifest read back equals the one written.</summary>
    private static DateTimeOffset Microseconds(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % 10, TimeSpan.Zero);

    private static double Mean(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        return finite.Count == 0 ? double.NaN : finite.Average();
    }
}
