using System.ComponentModel;
using System.Globalization;
using FlatLab.Reporting.Figures;
using FlatLab.Cli.Sweep;
using Spectre.Console.Cli;

namespace FlatLab.Cli.Commands;

/// <summary>The options of <c>flatlab plot</c>.</summary>
internal sealed class PlotSettings : SpecSettings<PlotSpec>
{
    [CommandOption("--results <FILE>")]
    [Description("A results table: results.csv or results.parquet of a run (docs/results-schema.md).")]
    public string? Results { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("The folder for the figures (created if missing).")]
    public string? Out { get; init; }

    [CommandOption("-x <COLUMN>")]
    // Given as --x (Spectre.Console.Cli needs two characters for a long name; FlatLabApp maps --x to -x).
    [Description("Draw this numeric column of the results table (the horizontal axis) against --y, instead of the run's figures.")]
    public string? X { get; init; }

    [CommandOption("-y <COLUMN>")]
    [Description("The numeric column for the vertical axis (with --x).")]
    public string? Y { get; init; }

    [CommandOption("--color <COLUMN>")]
    [Description("Colour the dots by this column (with --x and --y): a colour scale for a numeric column, one colour per value otherwise.")]
    public string? Color { get; init; }

    [CommandOption("--log <AXES>")]
    [Description("Log scale on x, y or xy (with --x and --y); rows with values <= 0 on a log axis are left out and counted.")]
    public string? Log { get; init; }

    [CommandOption("--format <FORMATS>")]
    [Description("png, svg or pdf, or several separated by commas (default: all three).")]
    public string? Format { get; init; }

    [CommandOption("--size <WxH>")]
    [Description("The size of the --x/--y figure in pixels, e.g. 800x600 (default 640x500; the PNG has twice the pixels).")]
    public string? Size { get; init; }

    protected override PlotSpec BuildSpec()
    {
        var results = OptionParsing.Required(Results, "--results");
        if (!File.Exists(results)) throw new InputException($"--results: file '{results}' does not exist.");
        var extension = Path.GetExtension(results).ToLowerInvariant();
        if (extension is not (".csv" or ".parquet"))
            throw new InputException($"--results: '{results}' is neither .csv nor .parquet.");
        var output = OptionParsing.Required(Out, "--out");
        if (File.Exists(output)) throw new InputException($"--out: '{output}' is a file, not a folder.");
        return new PlotSpec(results, output, Columns(), Formats(Format));
    }

    private ColumnPlotSpec? Columns()
    {
        if (X is null && Y is null)
        {
            foreach (var (option, value) in new[] { ("--color", Color), ("--log", Log), ("--size", Size) })
                if (value is not null)
                    throw new InputException($"{option}: applies to a plot of one column against another; give --x and --y too.");
            return null;
        }
        if (X is null) throw new InputException("--x: missing; --y needs a column for the horizontal axis too.");
        if (Y is null) throw new InputException("--y: missing; --x needs a column for the vertical axis too.");
        var (logX, logY) = Log?.Trim().ToLowerInvariant() switch
        {
            null => (false, false),
            "x" => (true, false),
            "y" => (false, true),
            "xy" or "yx" => (true, true),
            _ => throw new InputException($"--log: '{Log}' is not one of x, y, xy."),
        };
        var (width, height) = Size is null ? (ColumnPlotSpec.DefaultWidth, ColumnPlotSpec.DefaultHeight) : ParseSize(Size);
        var spec = new ColumnPlotSpec(X.Trim(), Y.Trim(), Color?.Trim(), logX, logY, width, height);
        if (ColumnPlot.Check(spec) is { } problem) throw new InputException(problem);
        return spec;
    }

    private static (int Width, int Height) ParseSize(string text)
    {
        var parts = text.Trim().ToLowerInvariant().Split('x');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var height))
            return (width, height);
        throw new InputException($"--size: '{text}' is not WIDTHxHEIGHT in pixels, e.g. 800x600.");
    }

    internal static IReadOnlyList<FigureFormat> Formats(string? text)
    {
        if (text is null) return [FigureFormat.Png, FigureFormat.Svg, FigureFormat.Pdf];
        var chosen = new HashSet<FigureFormat>();
        foreach (var word in text.Split(',', StringSplitOptions.TrimEntries))
            chosen.Add(word.ToLowerInvariant() switch
            {
                "png" => FigureFormat.Png,
                "svg" => FigureFormat.Svg,
                "pdf" => FigureFormat.Pdf,
                _ => throw new InputException($"--format: '{word}' is not one of png, svg, pdf."),
            });
        return [.. chosen.Order()];
    }
}
