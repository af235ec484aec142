namespace FlatLab.Cli.Sweep;

/// <summary>A checked <c>flatlab merge</c> command line.</summary>
internal sealed record MergeSpec(IReadOnlyList<string> Shards, string OutputDirectory, bool AllowPartial)
{
    /// <summary>Bootstrap settings given on the command line; null keeps the shards' spec's.</summary>
    public int? Resamples { get; init; }
    public double? Level { get; init; }
    public ulong? BootstrapSeed { get; init; }
}
