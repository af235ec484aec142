using System.Diagnostics;
using System.Globalization;
using FlatLab.Solvers;

namespace FlatLab.Cli.Solve;

/// <summary>
/// The progress of <c>flatlab solve</c> on stderr, one line per stage and solver iteration with the elapsed time:
/// <c>solve: interior-point iteration 4: relative gap 2.1e-03, residual 3.4e-12 (41.2 s)</c>. Asked for with
/// --progress it prints every line; by default (on a terminal) it stays quiet for the first
/// <see cref="QuietSeconds"/>, so a quick solve prints nothing.
/// </summary>
internal sealed class SolveProgressView(TextWriter error, bool always) : IProgress<SolverProgress>
{
    /// <summary>How long a solve runs before the default view starts to speak.</summary>
    public const double QuietSeconds = 2;

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>The view for <paramref name="requested"/> (--progress true, --no-progress false, null: on only when
    /// stderr is a terminal and no JSON is asked for); null when there is none.</summary>
    public static SolveProgressView? For(bool? requested, CliStreams streams, bool json) => requested switch
    {
        true => new SolveProgressView(streams.Error, always: true),
        false => null,
        null when !json && streams.ErrorIsConsole && !Console.IsErrorRedirected => new SolveProgressView(streams.Error, always: false),
        _ => null,
    };

    public void Report(SolverProgress value)
    {
        var seconds = _clock.Elapsed.TotalSeconds;
        if (!always && seconds < QuietSeconds) return;
        error.WriteLine(Line(value, seconds));
        error.Flush();
    }

    /// <summary>The line for one report at <paramref name="seconds"/> after the start.</summary>
    public static string Line(SolverProgress value, double seconds)
    {
        var text = "solve: " + value.Stage;
        if (value.Iteration > 0) text += " iteration " + value.Iteration.ToString(CultureInfo.InvariantCulture);
        var parts = new List<string>();
        if (!double.IsNaN(value.RelativeGap)) parts.Add("relative gap " + value.RelativeGap.ToString("0.0e+00", CultureInfo.InvariantCulture));
        if (!double.IsNaN(value.Residual)) parts.Add("residual " + value.Residual.ToString("0.0e+00", CultureInfo.InvariantCulture));
        if (parts.Count > 0) text += ": " + string.Join(", ", parts);
        return text + " (" + seconds.ToString("0.0", CultureInfo.InvariantCulture) + " s)";
    }
}
