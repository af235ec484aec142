using FlatLab.Experiments.Results;
using FlatLab.Experiments.Runs;
using FlatLab.Experiments.Specs;
using FlatLab.Reporting.Exporters;

namespace FlatLab.Reporting.Runs;

/// <summary>
/// Writes the report of a run into its folder by running exporters over its artifacts: by default
/// results.csv, results.parquet, the trajectories, manifest.json, figures/, scaling.csv, summary.md and
/// report.html (docs/report.md describes each). Every file is written atomically, so a reader sees an
/// old or a complete file, never a partial one.
/// </summary>
public static class RunReport
{
    /// <summary>Runs <paramref name="exporters"/> (by default <see cref="RunExporters.Report"/>) in order; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(RunFolder folder, RunArtifacts run, IReadOnlyList<IRunExporter>? exporters = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(run);
        folder.Create();
        return (exporters ?? RunExporters.Report).SelectMany(e => e.Export(run, folder)).ToList();
    }

    /// <summary>The full report of a finished run.</summary>
    public static IReadOnlyList<string> Write(string folder, SweepSpec spec, IReadOnlyList<CaseResult> rows, RunManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(manifest);
        return Write(new RunFolder(folder), RunArtifacts.Create(spec, rows, manifest));
    }
}
