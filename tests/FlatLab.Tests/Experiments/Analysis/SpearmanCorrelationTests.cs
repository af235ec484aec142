using FlatLab.Experiments.Analysis;
using FlatLab.Randomness;

namespace FlatLab.Tests.Experiments.Analysis;

public class SpearmanCorrelationTests
{
    [Fact]
    public void Given_a_nonlinear_increasing_relation_When_computed_Then_rho_is_exactly_one()
    {
        var x = Enumerable.Range(1, 12).Select(i => (double)i).ToList();
        var y = x.Select(v => Math.Exp(v) - 3 * v).ToList(); // increasing for v >= 2, not linear
        var s = SpearmanCorrelation.Compute(x.Skip(1).ToList(), y.Skip(1).ToList());
        Assert.Equal(1.0, s.Rho, 12);
        Assert.Equal(11, s.N);
        Assert.Equal(0.0, s.PValue);
    }

    [Fact]
    public void Given_a_decreasing_relation_When_computed_Then_rho_is_minus_one()
    {
        double[] x = [0.3, 1.5, 2.0, 7.0, 9.5];
        var y = x.Select(v => 1 / v).ToArray();
        Assert.Equal(-1.0, SpearmanCorrelation.Compute(x, y).Rho, 12);
    }

    [Fact]
    public void Given_ties_When_ranked_Then_tied_values_share_the_mean_of_their_ranks()
    {
        double[] values = [5, 1, 5, 3, 5, 1];
        // sorted: 1,1 -> ranks 1,2 (mean 1.5); 3 -> 3; 5,5,5 -> ranks 4,5,6 (mean 5)
        Assert.Equal([5, 1.5, 5, 3, 5, 1.5], SpearmanCorrelation.AverageRanks(values));
    }

    [Theory]
    [InlineData(1UL, 30, false)]
    [InlineData(2UL, 17, true)]
    [InlineData(3UL, 50, true)]
    public void Given_random_data_with_or_without_ties_When_computed_Then_it_equals_pearson_of_brute_force_ranks(ulong seed, int n, bool ties)
    {
        var random = new RandomSource(seed);
        var x = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = ties ? Math.Floor(5 * random.NextDouble()) : random.NextDouble();
            y[i] = x[i] + (ties ? Math.Floor(3 * random.NextDouble()) : random.NextDouble());
        }
        var expected = DirectPearson(BruteRanks(x), BruteRanks(y));
        Assert.Equal(expected, SpearmanCorrelation.Compute(x, y).Rho, 12);
    }

    [Fact]
    public void Given_a_moderate_correlation_When_the_p_value_is_computed_Then_it_matches_the_t_table()
    {
        // n = 12 pairs, so t has 10 degrees of freedom.
        double[] x = Enumerable.Range(0, 12).Select(i => (double)i).ToArray();
        double[] y = [2, 0, 1, 5, 3, 11, 4, 7, 10, 6, 9, 8];
        var s = SpearmanCorrelation.Compute(x, y);
        var t = s.Rho * Math.Sqrt(10 / (1 - s.Rho * s.Rho));
        Assert.InRange(s.PValue, 0, 1);
        // Independent: the t distribution's two-sided tail by numerical integration of its density.
        Assert.Equal(TwoSidedTail(t, 10), s.PValue, 6);
    }

    [Fact]
    public void Given_a_constant_variable_or_too_few_pairs_When_computed_Then_the_result_is_undefined()
    {
        Assert.True(double.IsNaN(SpearmanCorrelation.Compute([1.0, 2, 3], [4.0, 4, 4]).Rho));
        Assert.True(double.IsNaN(SpearmanCorrelation.Compute([1.0], [2.0]).Rho));
        Assert.True(double.IsNaN(SpearmanCorrelation.Compute([1.0, 2], [2.0, 3]).PValue));
    }

    [Fact]
    public void Given_mismatched_or_non_finite_input_When_computed_Then_it_throws_naming_the_problem()
    {
        var e = Assert.Throws<ArgumentException>(() => SpearmanCorrelation.Compute([1.0, 2], [1.0]));
        Assert.Contains("2 values", e.Message);
        Assert.Throws<ArgumentException>(() => SpearmanCorrelation.Compute([1.0, double.NaN], [1.0, 2]));
    }

    private static double[] BruteRanks(double[] v) =>
        v.Select(a => 1 + v.Count(b => b < a) + (v.Count(b => b == a) - 1) / 2.0).ToArray();

    private static double DirectPearson(double[] x, double[] y)
    {
        var mx = x.Average();
        var my = y.Average();
        var cov = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum();
        return cov / Math.Sqrt(x.Sum(a => (a - mx) * (a - mx)) * y.Sum(b => (b - my) * (b - my)));
    }

    /// <summary>2 ∫_|t|^∞ of the Student t density (ν degrees of freedom), by Simpson's rule.</summary>
    private static double TwoSidedTail(double t, int nu)
    {
        // density f(s) = c (1 + s²/ν)^(-(ν+1)/2); integrate on [|t|, 200] with a fine Simpson grid (tail beyond 200 < 1e-18 for ν = 10).
        var c = Math.Exp(LogGamma((nu + 1) / 2.0) - LogGamma(nu / 2.0)) / Math.Sqrt(nu * Math.PI);
        double a = Math.Abs(t), b = 200;
        const int steps = 200_000;
        var h = (b - a) / steps;
        double sum = 0;
        for (var i = 0; i <= steps; i++)
        {
            var s = a + i * h;
            var w = i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2;
            sum += w * c * Math.Pow(1 + s * s / nu, -(nu + 1) / 2.0);
        }
        return 2 * sum * h / 3;
    }

    private static double LogGamma(double x) => MathNet.Numerics.SpecialFunctions.GammaLn(x);
}
