using MathNet.Numerics.Distributions;

namespace FlatLab.Experiments.Analysis;

/// <summary>
/// Power-law exponents from log-log data (docs/theory.md §6): OLS of log y on log x with a 95% confidence
/// interval from Student's t with N − 2 degrees of freedom (exact for Gaussian errors on the log scale).
/// </summary>
public static class SlopeFit
{
    public static SlopeFitResult Fit(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"x has {x.Count} values but y has {y.Count}.", nameof(y));
        if (x.Count < 3)
            throw new ArgumentException($"A slope with a confidence interval needs at least 3 points, got {x.Count}.", nameof(x));
        for (var i = 0; i < x.Count; i++)
        {
            if (!(x[i] > 0) || !double.IsFinite(x[i]))
                throw new ArgumentException($"x[{i}] = {x[i]} is not a finite positive number; log-log fits need x > 0.", nameof(x));
            if (!(y[i] > 0) || !double.IsFinite(y[i]))
                throw new ArgumentException($"y[{i}] = {y[i]} is not a finite positive number; log-log fits need y > 0.", nameof(y));
        }

        var n = x.Count;
        var lx = x.Select(v => Math.Log(v)).ToArray();
        var ly = y.Select(v => Math.Log(v)).ToArray();
        var mx = lx.Average();
        var my = ly.Average();
        double sxx = 0, sxy = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            sxx += (lx[i] - mx) * (lx[i] - mx);
            sxy += (lx[i] - mx) * (ly[i] - my);
            syy += (ly[i] - my) * (ly[i] - my);
        }
        if (!(sxx > 0)) throw new ArgumentException("Every x is the same: the slope is undefined.", nameof(x));

        var slope = sxy / sxx;
        var intercept = my - slope * mx;
        var rss = 0.0;
        for (var i = 0; i < n; i++)
        {
            var r = ly[i] - intercept - slope * lx[i];
            rss += r * r;
        }
        var se = Math.Sqrt(rss / (n - 2) / sxx);
        var t = StudentT.InvCDF(0, 1, n - 2, 0.975);
        var r2 = syy > 0 ? 1 - rss / syy : 1;
        return new SlopeFitResult(slope, intercept, se, slope - t * se, slope + t * se, r2, n);
    }
}
