using System.ComponentModel;
using Spectre.Console.Cli;

namespace FlatLab.Cli.Commands;

/// <summary>The bootstrap options of the commands that write stats.csv (sweep and merge).</summary>
internal abstract class BootstrapSettings<TSpec> : SpecSettings<TSpec>
{
    [CommandOption("--resamples <B>")]
    [Description("Bootstrap resamples per panel for stats.csv (100 to 1000000). Default: the spec's statistics.resamples (2000).")]
    public int? Resamples { get; init; }

    [CommandOption("--level <L>")]
    [Description("Two-sided level of the bootstrap intervals, strictly between 0 and 1. Default: the spec's statistics.level (0.95).")]
    public double? Level { get; init; }

    [CommandOption("--bootstrap-seed <S>")]
    [Description("Seed of the bootstrap's resampling. Default: the spec's statistics.seed, else the sweep seed.")]
    public ulong? BootstrapSeed { get; init; }
}
