namespace FlatLab.Cli.Sweep;

/// <summary>A checked <c>flatlab plot</c> command line.</summary>
internal sealed record PlotSpec(string Results, string OutputDirectory);
