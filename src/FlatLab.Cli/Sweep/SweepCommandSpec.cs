using FlatLab.Experiments.Running;
using FlatLab.Experiments.Specs;

namespace FlatLab.Cli.Sweep;

/// <summary>A checked <c>flatlab sweep</c> command line.</summary>
/// <param name="Source">How the spec was given, as options (<c>--preset smoke</c>, <c>--spec FILE</c>).</param>
internal sealed record SweepCommandSpec(
    SweepSpec Spec, string Source, string OutputDirectory, bool Resume, ShardSpec Shard, int Threads)
{
    /// <summary>On resume, quarantine damaged or foreign lines of the store and compute their cases again.</summary>
    public bool Repair { get; init; }

    /// <summary>Only print the cases and an estimated time; write nothing.</summary>
    public bool DryRun { get; init; }

    public bool IsShard => Shard.Count > 1;

    /// <summary>The command line that continues this run after an interruption.</summary>
    public string ResumeCommand()
    {
        var line = $"flatlab sweep {Source} --out {CommandLine.Quote(OutputDirectory)} --resume";
        if (IsShard) line += $" --shard {Shard}";
        return line;
    }
}
