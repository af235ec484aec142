using FlatLab.Experiments.Runs;
using FlatLab.Reporting.Runs;
using FlatLab.Reporting.Tables;

namespace FlatLab.Reporting.Exporters;

/// <summary>results.csv: one row per case in case order (docs/results-schema.md).</summary>
public sealed class ResultsCsvExporter : IRunExporter
{
    public string Name => RunFolder.ResultsCsvFileName;

    public IReadOnlyList<string> Export(RunArtifacts run, RunFolder folder)
    {
        folder.Create();
        ResultsTable.WriteCsv(folder.ResultsCsvPath, run.Rows);
        return [folder.ResultsCsvPath];
    }
}
