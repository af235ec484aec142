using MathNet.Numerics.Distributions;

namespace FlatLab.Experiments.Analysis;

/// <summary>
/// Spearman's rank correlation: the Pearson correlation of the ranks, with tied values sharing their
/// average rank (so it stays exact with ties, unlike the 1 − 6Σd²/(n(n²−1)) shortcut).
/// </summary>
public static class SpearmanCorrelation
{
    public static SpearmanResult Compute(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"x has {x.Count} values but y has {y.Count}.", nameof(y));
        for (var i = 0; i < x.Count; i++)
            if (!double.IsFinite(x[i]) || !double.IsFinite(y[i]))
                throw new ArgumentException($"Pair {i} ({x[i]}, {y[i]}) is not finite; ranks need finite values.", nameof(x));
        var n = x.Count;
        if (n < 2) return SpearmanResult.Undefined(n);
        var rho = Pearson(AverageRanks(x), AverageRanks(y));
        if (double.IsNaN(rho)) return SpearmanResult.Undefined(n);
        return new SpearmanResult(rho, n, PValue(rho, n));
    }

    /// <summary>
    /// Spearman's ρ alone, without the p-value (the bootstrap needs thousands of them): NaN for fewer
    /// than 2 pairs or a constant variable.
    /// </summary>
    public static double Rho(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length) throw new ArgumentException($"x has {x.Length} values but y has {y.Length}.", nameof(y));
        for (var i = 0; i < x.Length; i++)
            if (!double.IsFinite(x[i]) || !double.IsFinite(y[i]))
                throw new ArgumentException($"Pair {i} ({x[i]}, {y[i]}) is not finite; ranks need finite values.", nameof(x));
        return x.Length < 2 ? double.NaN : Pearson(Ranks(x), Ranks(y));
    }

    /// <summary>Ranks 1..n in ascending order; a run of equal values gets the mean of the ranks it spans.</summary>
    public static double[] AverageRanks(IReadOnlyList<double> values) => Ranks(values.ToArray());

    private static double[] Ranks(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        var sorted = values.ToArray();
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        // Not a stable sort, which does not matter: tied values get the same (average) rank.
        Array.Sort(sorted, order);
        var ranks = new double[n];
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && sorted[end] == sorted[start]) end++;
            var rank = (start + 1 + end) / 2.0; // mean of ranks start+1 .. end
            for (var k = start; k < end; k++) ranks[order[k]] = rank;
            start = end;
        }
        return ranks;
    }

    /// <summary>Pearson's correlation; NaN when either variable is constant.</summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var n = x.Count;
        double mx = 0, my = 0;
        for (var i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = x[i] - mx;
            var dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) return double.NaN;
        return Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1, 1);
    }

    /// <summary>Two-sided p-value of ρ = 0 by the t approximation (adequate for n ≳ 10; rough below).</summary>
    private static double PValue(double rho, int n)
    {
        if (n < 3) return double.NaN;
        if (Math.Abs(rho) >= 1) return 0;
        var t = rho * Math.Sqrt((n - 2) / (1 - rho * rho));
        return 2 * StudentT.CDF(0, 1, n - 2, -Math.Abs(t));
    }
}
