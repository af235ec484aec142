namespace FlatLab.Cli;

/// <summary>Where a command writes: its summary to <see cref="Out"/>, problems to <see cref="Error"/>;
/// <see cref="Arguments"/> is the command line as given (recorded in a run's manifest).</summary>
internal sealed record CliStreams(TextWriter Out, TextWriter Error, IReadOnlyList<string>? Arguments = null)
{
    /// <summary>"flatlab" and the arguments: the command line that produced an output.</summary>
    public IReadOnlyList<string> CommandLine => ["flatlab", .. Arguments ?? []];

    /// <summary>True when <see cref="Error"/> is the process's stderr (directly or through a <see cref="TerminalSafeWriter"/>),
    /// not a test's or a caller's writer: only then can it be a terminal.</summary>
    public bool ErrorIsConsole => ReferenceEquals(Error is TerminalSafeWriter safe ? safe.Inner : Error, Console.Error);
}
