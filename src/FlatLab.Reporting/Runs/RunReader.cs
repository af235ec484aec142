using System.Text.Json;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Runs;
using FlatLab.Experiments.Specs;
using FlatLab.Reporting.Tables;

namespace FlatLab.Reporting.Runs;

/// <summary>
/// Reads a finished run back into <see cref="RunArtifacts"/>: the results table, the trajectories joined
/// to their rows by case_key, the spec and the manifest. What a report draws from these is what the run
/// drew: the tables keep every bit of the numbers.
/// </summary>
public static class RunReader
{
    /// <summary>A finished run folder: spec.json, results.parquet (or results.csv), the trajectories and manifest.json.</summary>
    public static RunArtifacts Read(RunFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!File.Exists(folder.SpecPath))
            throw new InvalidDataException($"'{folder}' holds no {RunFolder.SpecFileName}; it is not a run folder.");
        var table = File.Exists(folder.ResultsParquetPath) ? folder.ResultsParquetPath
            : File.Exists(folder.ResultsCsvPath) ? folder.ResultsCsvPath
            : throw new InvalidDataException(
                $"'{folder}' holds no {RunFolder.ResultsParquetFileName} or {RunFolder.ResultsCsvFileName}; the run has not finished " +
                "(or is a shard: merge the shards first).");
        return ReadTable(table);
    }

    /// <summary>
    /// A results table (results.csv or results.parquet) and what lies next to it: the trajectory table of the
    /// same format (else of the other), spec.json and manifest.json. Without a spec the panels are titled by
    /// name and there are no scaling fits; without trajectories the optimizer runs are drawn as end points.
    /// </summary>
    public static RunArtifacts ReadTable(string resultsPath)
    {
        ArgumentNullException.ThrowIfNull(resultsPath);
        var rows = ResultsTable.Read(resultsPath);
        var folder = new RunFolder(Path.GetDirectoryName(Path.GetFullPath(resultsPath))!);
        var parquet = resultsPath.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);
        var trajectories = (parquet
                ? new[] { folder.TrajectoriesParquetPath, folder.TrajectoriesCsvPath }
                : [folder.TrajectoriesCsvPath, folder.TrajectoriesParquetPath])
            .FirstOrDefault(File.Exists);
        if (trajectories is not null) rows = Join(rows, TrajectoryTable.Read(trajectories));
        return RunArtifacts.Create(ReadSpec(folder), rows, ReadManifest(folder));
    }

    private static List<CaseResult> Join(IReadOnlyList<CaseResult> rows, IReadOnlyDictionary<string, TrajectoryPoint[]> trajectories) =>
        rows.Select(r => trajectories.TryGetValue(r.CaseKey, out var points) ? r with { Trajectory = points } : r).ToList();

    private static SweepSpec? ReadSpec(RunFolder folder)
    {
        if (!File.Exists(folder.SpecPath)) return null;
        try
        {
            return SweepSpecJson.Load(folder.SpecPath);
        }
        catch (ArgumentException e) // SpecException included
        {
            throw new InvalidDataException($"'{folder.SpecPath}' is not a valid sweep spec: {e.Message}", e);
        }
    }

    private static RunManifest? ReadManifest(RunFolder folder)
    {
        if (!File.Exists(folder.ManifestPath)) return null;
        try
        {
            return RunManifestJson.Load(folder.ManifestPath);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{folder.ManifestPath}' is not a FlatLab run manifest: {e.Message}", e);
        }
    }
}
