using System.ComponentModel;
using FlatLab.Cli.Sweep;
using Spectre.Console.Cli;

namespace FlatLab.Cli.Commands;

/// <summary>The options of <c>flatlab merge</c>.</summary>
internal sealed class MergeSettings : BootstrapSettings<MergeSpec>
{
    [CommandArgument(0, "<SHARD_DIR>")]
    [Description("The run folders of the shards (flatlab sweep --shard I/N --out SHARD_DIR).")]
    public string[] Shards { get; init; } = [];

    [CommandOption("--out <DIR>")]
    [Description("The folder of the merged run (created if missing): cases.jsonl, results, figures and report.")]
    public string? Out { get; init; }

    [CommandOption("--allow-partial")]
    [Description("Merge even when some cases of the spec are in no shard (the report then covers the others).")]
    public bool AllowPartial { get; init; }

    protected override MergeSpec BuildSpec()
    {
        var output = OptionParsing.Required(Out, "--out");
        if (Shards.Length == 0) throw new InputException("Give the shard folders to merge: flatlab merge --out DIR SHARD_DIR...");
        var missing = Shards.FirstOrDefault(s => !Directory.Exists(s));
        if (missing is not null) throw new InputException($"Shard folder '{missing}' does not exist.");
        if (File.Exists(output)) throw new InputException($"--out: '{output}' is a file, not a folder.");
        // Checked here against the defaults; applied to the shards' spec once it is read.
        if (Resamples is not null || Level is not null || BootstrapSeed is not null)
            OptionParsing.Statistics(new FlatLab.Experiments.Specs.StatisticsSpec(), Resamples, Level, BootstrapSeed);
        return new MergeSpec(Shards, output, AllowPartial) { Resamples = Resamples, Level = Level, BootstrapSeed = BootstrapSeed };
    }
}
