using System.Globalization;
using FlatLab.Experiments.Running;

namespace FlatLab.Cli.Sweep;

/// <summary>The text of a progress report: <c>[ 120/432] 27.8% failed 3 rate 6.1/s left 0:51</c>.</summary>
internal static class ProgressLine
{
    public static string Format(SweepProgress p)
    {
        var completed = p.Resumed + p.Done;
        var total = p.Total.ToString(CultureInfo.InvariantCulture);
        var percent = p.Total > 0 ? 100.0 * completed / p.Total : 100.0;
        var left = p.Remaining == 0 ? "0:00" : p.EstimatedLeft is { } t ? Duration(t) : "?";
        return string.Create(CultureInfo.InvariantCulture,
            $"[{completed.ToString(CultureInfo.InvariantCulture).PadLeft(total.Length)}/{total}] {percent:0.0}% failed {p.Failed} rate {p.Rate:0.0}/s left {left}");
    }

    /// <summary>m:ss, or h:mm:ss from an hour on.</summary>
    public static string Duration(TimeSpan t)
    {
        var seconds = (long)Math.Ceiling(Math.Max(0, t.TotalSeconds));
        var (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        return h > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{h}:{m:00}:{s:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{m}:{s:00}");
    }

    /// <summary>A wall time for summaries: "4.2 s" below a minute, else m:ss or h:mm:ss.</summary>
    public static string WallTime(TimeSpan t) =>
        t.TotalSeconds < 60 ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.0} s") : Duration(t);
}
