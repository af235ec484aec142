using System.ComponentModel;
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

    protected override PlotSpec BuildSpec()
    {
        var results = OptionParsing.Required(Results, "--results");
        if (!File.Exists(results)) throw new InputException($"--results: file '{results}' does not exist.");
        var extension = Path.GetExtension(results).ToLowerInvariant();
        if (extension is not (".csv" or ".parquet"))
            throw new InputException($"--results: '{results}' is neither .csv nor .parquet.");
        var output = OptionParsing.Required(Out, "--out");
        if (File.Exists(output)) throw new InputException($"--out: '{output}' is a file, not a folder.");
        return new PlotSpec(results, output);
    }
}
