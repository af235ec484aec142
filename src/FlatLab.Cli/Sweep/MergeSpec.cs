namespace FlatLab.Cli.Sweep;

/// <summary>A checked <c>flatlab merge</c> command line.</summary>
internal sealed record MergeSpec(IReadOnlyList<string> Shards, string OutputDirectory, bool AllowPartial);
