namespace FlatLab.Cli;

/// <summary>Where a command writes: its summary to <see cref="Out"/>, problems to <see cref="Error"/>;
/// <see cref="Arguments"/> is the command line as given (recorded in a run's manifest).</summary>
internal sealed record CliStreams(TextWriter Out, TextWriter Error, IReadOnlyList<string>? Arguments = null)
{
    /// <summary>"flatlab" and the arguments: the command line that produced an output.</summary>
    public IReadOnlyList<string> CommandLine => ["flatlab", .. Arguments ?? []];
}
