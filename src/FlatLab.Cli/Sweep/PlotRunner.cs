using System.Text.Json;
using FlatLab.Experiments.Runs;
using FlatLab.Reporting.Figures;
using FlatLab.Reporting.Runs;

namespace FlatLab.Cli.Sweep;

/// <summary>
/// Runs <c>flatlab plot</c>: reads a results table with what lies next to it (the trajectories, spec.json;
/// <see cref="RunReader.ReadTable"/>) and draws every figure the run drew: panels with their optimizer
/// and search paths, composites and scaling studies (without a spec.json the panels are titled by name
/// and there are no scaling figures); or, with --x and --y, one column against another (<see cref="ColumnPlot"/>).
/// </summary>
internal static class PlotRunner
{
    public static int Run(PlotSpec spec, CliStreams streams)
    {
        RunArtifacts run;
        try
        {
            run = RunReader.ReadTable(spec.Results);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or JsonException or NotSupportedException)
        {
            // The message names the file at fault: the table, or the trajectories, spec.json or manifest.json next to it.
            throw new InputException($"--results: cannot read the run of '{spec.Results}': {e.Message}", e);
        }
        if (run.Rows.Count == 0) throw new InputException($"--results: '{spec.Results}' holds no rows.");
        try
        {
            Directory.CreateDirectory(spec.OutputDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"--out: cannot create folder '{spec.OutputDirectory}': {e.Message}", e);
        }
        if (spec.Columns is { } columns)
        {
            var figure = ColumnPlot.Render(run.Rows, columns);
            var written = FigureSet.Write([figure], spec.OutputDirectory, spec.Formats);
            streams.Out.WriteLine($"plot: {string.Join(", ", written)} ({figure.Title}, {run.Rows.Count} rows)");
            return ExitCodes.Success;
        }
        var files = FigureSet.Write(run.Figures, spec.OutputDirectory, spec.Formats);
        var usable = run.Statistics.Usable;
        streams.Out.WriteLine(
            $"plot: {files.Count} files in {spec.OutputDirectory} from {run.Rows.Count} rows ({usable} usable, {run.Rows.Count - usable} failed or without a loss)");
        if (run.Spec is null)
            streams.Out.WriteLine($"plot: no {RunFolder.SpecFileName} next to the table: panels are titled by name, scaling studies are not drawn");
        return ExitCodes.Success;
    }
}
