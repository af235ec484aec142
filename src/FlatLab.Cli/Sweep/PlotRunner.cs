using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Specs;
using FlatLab.Reporting.Figures;
using FlatLab.Reporting.Tables;

namespace FlatLab.Cli.Sweep;

/// <summary>
/// Runs <c>flatlab plot</c>: reads a results table and draws the figures again. The panel titles
/// come from the run's spec.json when it lies next to the table, else the panel names are used.
/// </summary>
public static class PlotRunner
{
    public static int Run(PlotSpec spec, CliStreams streams)
    {
        IReadOnlyList<CaseResult> rows;
        try
        {
            rows = ResultsTable.Read(spec.Results);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or System.Text.Json.JsonException or NotSupportedException)
        {
            throw new InputException($"--results: '{spec.Results}' is not a FlatLab results table: {e.Message}", e);
        }
        if (rows.Count == 0) throw new InputException($"--results: '{spec.Results}' holds no rows.");
        try
        {
            Directory.CreateDirectory(spec.OutputDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"--out: cannot create folder '{spec.OutputDirectory}': {e.Message}", e);
        }
        var files = FigureSet.Draw(rows, spec.OutputDirectory, Titles(spec.Results));
        var usable = rows.Count(r => r.IsUsable);
        streams.Out.WriteLine(
            $"plot: {files.Count} files in {spec.OutputDirectory} from {rows.Count} rows ({usable} usable, {rows.Count - usable} failed or without a loss)");
        return ExitCodes.Success;
    }

    private static Dictionary<string, string>? Titles(string results)
    {
        var spec = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(results))!, SweepRunner.SpecFileName);
        if (!File.Exists(spec)) return null;
        try
        {
            return SweepSpecJson.Load(spec).AllPanels.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First().Title);
        }
        catch (Exception e) when (e is ArgumentException or IOException)
        {
            return null; // titles are a nicety; the names will do
        }
    }
}
