using System.Globalization;

namespace FlatLab.Solvers;

/// <summary>
/// The peak memory of one solve, known from n, m and d before any large allocation, and the memory the
/// process may use, so a run too large for the machine is refused up front instead of failing after
/// minutes of work (docs/benchmarks.md#memory).
/// </summary>
public static class SolveMemory
{
    /// <summary>Bytes per entry of the n × m feature matrix at the peak of a solve: Φ, Ψ, the scaled copy the
    /// normal matrix is formed from, and one n × n matrix (4 bytes per entry at m = 2n); measured 31
    /// (docs/benchmarks.md#memory), rounded up.</summary>
    public const long BytesPerFeatureEntry = 32;

    /// <summary>Fixed cost of the runtime, the native kernels and the process itself (measured about 100 MiB).</summary>
    public const long BaseBytes = 128L << 20;

    /// <summary>The estimated peak of one solve of n samples, m neurons in dimension d.</summary>
    public static long PeakBytes(int n, int m, int d) =>
        BaseBytes + BytesPerFeatureEntry * n * (long)m + 8L * 3 * ((long)n + m) * d + 8L * 8 * ((long)n + m);

    /// <summary>The memory this process may use: the least of /proc/meminfo's MemAvailable, the cgroup's
    /// memory.max and <paramref name="maxMemory"/>; null when none is known. Also says which one it is.</summary>
    public static (long Bytes, string Source)? Limit(long? maxMemory)
    {
        var limits = new List<(long, string)>();
        if (maxMemory is { } max) limits.Add((max, "--max-memory"));
        if (MemAvailable() is { } available) limits.Add((available, "available memory (MemAvailable in /proc/meminfo)"));
        if (CgroupLimit() is { } cgroup) limits.Add((cgroup, "the cgroup limit (/sys/fs/cgroup/memory.max)"));
        return limits.Count == 0 ? null : limits.MinBy(l => l.Item1);
    }

    /// <summary>Bytes in the form of the messages: 1.5 GiB, 300 MiB.</summary>
    public static string Format(long bytes) =>
        bytes >= 1L << 30 ? (bytes / (double)(1L << 30)).ToString("0.##", CultureInfo.InvariantCulture) + " GiB"
        : bytes >= 1L << 20 ? (bytes / (double)(1L << 20)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB"
        : (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KiB";

    private static long? MemAvailable()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/meminfo"))
            {
                if (!line.StartsWith("MemAvailable:", StringComparison.Ordinal)) continue;
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kib) ? kib * 1024 : null;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return null;
    }

    private static long? CgroupLimit()
    {
        try
        {
            if (!File.Exists("/sys/fs/cgroup/memory.max")) return null;
            var text = File.ReadAllText("/sys/fs/cgroup/memory.max").Trim();
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes) ? bytes : null; // "max": none
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
