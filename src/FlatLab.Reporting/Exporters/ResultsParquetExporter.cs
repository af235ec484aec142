using FlatLab.Experiments.Runs;
using FlatLab.Reporting.Runs;
using FlatLab.Reporting.Tables;

namespace FlatLab.Reporting.Exporters;

/// <summary>results.parquet: the results table with typed columns.</summary>
public sealed class ResultsParquetExporter : IRunExporter
{
    public string Name => RunFolder.ResultsParquetFileName;

    public IReadOnlyList<string> Export(RunArtifacts run, RunFolder folder)
    {
        folder.Create();
        ResultsTable.WriteParquet(folder.ResultsParquetPath, run.Rows);
        return [folder.ResultsParquetPath];
    }
}
