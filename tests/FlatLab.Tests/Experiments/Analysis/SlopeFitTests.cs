using FlatLab.Randomness;
using FlatLab.Experiments.Analysis;

namespace FlatLab.Tests.Experiments.Analysis;

public sealed class SlopeFitTests
{
    private static readonly double[] Xs = Enumerable.Range(0, 10).Select(i => 50 * Math.Pow(2, i / 2.0)).ToArray();

    [Fact]
    public void GivenExactPowerLaw_WhenFitted_ThenRecoversExponentAndConstant()
    {
        const double alpha = -0.75, c = 3.2;
        var y = Xs.Select(v => c * Math.Pow(v, alpha)).ToArray();

        var fit = SlopeFit.Fit(Xs, y);

        Assert.Equal(alpha, fit.Slope, 1e-12);
        Assert.Equal(Math.Log(c), fit.Intercept, 1e-11);
        Assert.True(fit.StandardError < 1e-12);
        Assert.Equal(fit.Slope, fit.Lower95, 1e-11);
        Assert.Equal(fit.Slope, fit.Upper95, 1e-11);
        Assert.Equal(1.0, fit.RSquared, 1e-12);
        Assert.Equal(10, fit.N);
    }

    [Fact]
    public void GivenNoisyPowerLaws_WhenFittedTwoHundredTimes_ThenTheTrueExponentIsInsideMostIntervals()
    {
        // y = C x^α (1 + ε), ε ~ N(0, 0.05²): log(1 + ε) is nearly Gaussian, so the t interval should cover α
        // about 95% of the time; 200 replications put the count within ±3 binomial SDs (≈ ±9) of 190 w.h.p.
        const double alpha = 0.6, c = 0.01;
        var random = new RandomSource(81);
        var inside = 0;
        var slopes = new List<double>();
        for (var r = 0; r < 200; r++)
        {
            var y = Xs.Select(v => c * Math.Pow(v, alpha) * (1 + 0.05 * random.NextGaussian())).ToArray();
            var fit = SlopeFit.Fit(Xs, y);
            Assert.True(fit.Lower95 < fit.Slope && fit.Slope < fit.Upper95);
            if (fit.Lower95 <= alpha && alpha <= fit.Upper95) inside++;
            slopes.Add(fit.Slope);
        }
        Assert.InRange(inside, 180, 198);
        NumericChecks.AssertWithinFourErrors(alpha, slopes, "mean fitted slope");
    }

    [Fact]
    public void GivenThreePoints_WhenFitted_ThenIntervalUsesOneDegreeOfFreedom()
    {
        // With N = 3 the 97.5% quantile of t₁ is tan(0.475π) = 12.706...
        double[] x = [1, 2, 4];
        double[] y = [1, 2.2, 3.7];
        var fit = SlopeFit.Fit(x, y);
        var t = Math.Tan(0.475 * Math.PI);
        Assert.Equal(fit.Slope + t * fit.StandardError, fit.Upper95, 1e-9);
        Assert.Equal(fit.Slope - t * fit.StandardError, fit.Lower95, 1e-9);
    }

    [Fact]
    public void GivenBadInput_WhenFitted_ThenThrowsNamingTheProblem()
    {
        Assert.Contains("at least 3", Assert.Throws<ArgumentException>(() => SlopeFit.Fit([1.0, 2.0], [1.0, 2.0])).Message);
        Assert.Contains("positive", Assert.Throws<ArgumentException>(() => SlopeFit.Fit([1.0, 0.0, 2.0], [1.0, 2.0, 3.0])).Message);
        Assert.Contains("positive", Assert.Throws<ArgumentException>(() => SlopeFit.Fit([1.0, 2.0, 3.0], [1.0, -2.0, 3.0])).Message);
        Assert.Contains("positive", Assert.Throws<ArgumentException>(() => SlopeFit.Fit([1.0, 2.0, double.NaN], [1.0, 2.0, 3.0])).Message);
        Assert.Throws<ArgumentException>(() => SlopeFit.Fit([1.0, 2.0, 3.0], [1.0, 2.0]));
        Assert.Contains("same", Assert.Throws<ArgumentException>(() => SlopeFit.Fit([2.0, 2.0, 2.0], [1.0, 2.0, 3.0])).Message);
    }
}
