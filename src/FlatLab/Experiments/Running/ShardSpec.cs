using System.Globalization;

namespace FlatLab.Experiments.Running;

/// <summary>Part I of N (0 ≤ I &lt; N): the cases whose canonical index is I modulo N.</summary>
public sealed record ShardSpec(int Index, int Count)
{
    public static readonly ShardSpec All = new(0, 1);

    public bool Contains(SweepCase c) => c.Index % Count == Index;

    public override string ToString() => $"{Index}/{Count}";

    /// <summary>Parses "I/N".</summary>
    public static ShardSpec Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n >= 1 && i >= 0 && i < n)
            return new ShardSpec(i, n);
        throw new ArgumentException($"Shard '{text}' is not of the form I/N with 0 <= I < N (for example 0/4).");
    }
}
