using FlatLab.Experiments.Running;

namespace FlatLab.Cli.Sweep;

/// <summary>
/// Decides which progress reports become lines in a log: one every <see cref="Interval"/>, one at
/// every further 10% of the cases, and the last. Reports arrive from several threads and may be
/// out of order; a report older than the last one shown is dropped. Not thread-safe: callers lock.
/// </summary>
internal sealed class ProgressThrottle(TimeSpan interval)
{
    private int _lastDone = -1;
    private int _lastTenth = -1;
    private TimeSpan _lastShown = TimeSpan.Zero;

    public TimeSpan Interval => interval;

    public bool ShouldShow(SweepProgress p)
    {
        if (p.Done <= _lastDone) return false;
        _lastDone = p.Done;
        var completed = p.Resumed + p.Done;
        var tenth = p.Total > 0 ? 10 * completed / p.Total : 10;
        var show = completed >= p.Total || tenth > _lastTenth || p.Elapsed - _lastShown >= interval;
        if (!show) return false;
        _lastTenth = tenth;
        _lastShown = p.Elapsed;
        return true;
    }

    /// <summary>Records the report that starts a run (nothing done yet), so the 10% steps count from it.</summary>
    public void Start(SweepProgress p)
    {
        _lastDone = p.Done;
        _lastTenth = p.Total > 0 ? 10 * (p.Resumed + p.Done) / p.Total : 10;
        _lastShown = p.Elapsed;
    }
}
