namespace FlatLab.Cli.Sweep;

/// <summary>A checked <c>flatlab plot</c> command line.</summary>
public sealed record PlotSpec(string Results, string OutputDirectory);
