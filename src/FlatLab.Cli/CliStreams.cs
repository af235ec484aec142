namespace FlatLab.Cli;

/// <summary>Where a command writes: its summary to <see cref="Out"/>, problems to <see cref="Error"/>.</summary>
internal sealed record CliStreams(TextWriter Out, TextWriter Error);
