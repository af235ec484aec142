using FlatLab.Experiments.Runs;
using FlatLab.Reporting.Runs;

namespace FlatLab.Reporting.Exporters;

/// <summary>One output of a run: writes its files into the run folder from the run's artifacts.</summary>
public interface IRunExporter
{
    /// <summary>A short name for messages, e.g. "results.csv" or "figures".</summary>
    string Name { get; }

    /// <summary>Writes the output atomically (RunFolder's names); returns the paths written (none when it does not apply).</summary>
    IReadOnlyList<string> Export(RunArtifacts run, RunFolder folder);
}
