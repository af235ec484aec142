namespace FlatLab.Tests;

/// <summary>Shared Monte Carlo and minimisation helpers for tests that compare with Monte Carlo or a 1-D minimisation.</summary>
internal static class NumericChecks
{
    /// <summary>Mean and standard error of the mean.</summary>
    public static (double Mean, double StandardError) MeanAndError(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return (mean, Math.Sqrt(variance / values.Count));
    }

    /// <summary>|mean − exact| ≤ 4 SE (plus rounding for quantities without variance).</summary>
    public static void AssertWithinFourErrors(double exact, IReadOnlyList<double> draws, string what)
    {
        var (mean, se) = MeanAndError(draws);
        Assert.True(Math.Abs(mean - exact) <= 4 * se + 1e-12 * (1 + Math.Abs(exact)),
            $"{what}: Monte Carlo {mean} ± {se} vs exact {exact}");
    }

    /// <summary>The minimiser of a unimodal f on [lo, hi] to within <paramref name="tolerance"/>.</summary>
    public static double GoldenSection(Func<double, double> f, double lo, double hi, double tolerance)
    {
        var ratio = (Math.Sqrt(5) - 1) / 2;
        var c = hi - ratio * (hi - lo);
        var d = lo + ratio * (hi - lo);
        double fc = f(c), fd = f(d);
        while (hi - lo > tolerance)
        {
            if (fc < fd) { hi = d; d = c; fd = fc; c = hi - ratio * (hi - lo); fc = f(c); }
            else { lo = c; c = d; fc = fd; d = lo + ratio * (hi - lo); fd = f(d); }
        }
        return (lo + hi) / 2;
    }
}
