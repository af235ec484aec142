namespace FlatLab.Tests.Cli.Sweep;

/// <summary>
/// A test that stops a child process with SIGINT. It is skipped when this process inherited SIGINT as
/// ignored (a background job of a non-interactive shell, <c>cmd &amp;</c>, or <c>nohup</c>): the child inherits
/// that disposition and, as every Unix program, never sees the signal.
/// </summary>
public sealed class SigintFactAttribute : FactAttribute
{
    public SigintFactAttribute()
    {
        if (SigintIgnored())
            Skip = "SIGINT is ignored by this process (inherited from a background shell job), so a child cannot receive it";
    }

    /// <summary>Bit 1 (SIGINT = 2) of the ignored-signals mask in /proc/self/status.</summary>
    private static bool SigintIgnored()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status)) return false;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << 1)) != 0;
    }
}
