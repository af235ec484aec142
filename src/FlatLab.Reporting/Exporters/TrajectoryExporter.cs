using FlatLab.Experiments.Runs;
using FlatLab.Reporting.Runs;
using FlatLab.Reporting.Tables;

namespace FlatLab.Reporting.Exporters;

/// <summary>trajectories.csv and trajectories.parquet, when any optimizer run or search recorded a point.</summary>
public sealed class TrajectoryExporter : IRunExporter
{
    public string Name => "trajectories";

    public IReadOnlyList<string> Export(RunArtifacts run, RunFolder folder)
    {
        if (!TrajectoryTable.HasPoints(run.Rows)) return [];
        folder.Create();
        TrajectoryTable.WriteCsv(folder.TrajectoriesCsvPath, run.Rows);
        TrajectoryTable.WriteParquet(folder.TrajectoriesParquetPath, run.Rows);
        return [folder.TrajectoriesCsvPath, folder.TrajectoriesParquetPath];
    }
}
