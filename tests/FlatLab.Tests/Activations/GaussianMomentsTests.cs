using FlatLab.Activations;
using FlatLab.Randomness;

namespace FlatLab.Tests.Activations;

public sealed class GaussianMomentsTests
{
    [Theory]
    [InlineData("relu")]
    [InlineData("leaky-relu:0.1")]
    [InlineData("abs")]
    [InlineData("quadratic")]
    [InlineData("relu-power:2")]
    [InlineData("relu-power:3")]
    [InlineData("linear")]
    [InlineData("odd-power:3")]
    [InlineData("2,1.5,-0.5")]
    public void GivenActivation_WhenMomentsComputed_ThenAgreeWithMonteCarloWithinFourStandardErrors(string name)
    {
        var sigma = ActivationParser.Parse(name);
        var random = new RandomSource(123).Fork(name);
        const int samples = 200_000;
        var z = new double[samples];
        random.FillGaussian(z);

        AssertMonteCarlo(GaussianMoments.Mean(sigma), z.Select(sigma.Value), "E σ");
        AssertMonteCarlo(GaussianMoments.SecondMoment(sigma), z.Select(v => sigma.Value(v) * sigma.Value(v)), "E σ²");
        AssertMonteCarlo(GaussianMoments.DerivativeMean(sigma), z.Select(sigma.Derivative), "E σ'");
        AssertMonteCarlo(GaussianMoments.DerivativeSecondMoment(sigma), z.Select(v => sigma.Derivative(v) * sigma.Derivative(v)), "E σ'²");
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1, 0.3989422804014327)]   // 1/√(2π)
    [InlineData(2, 0.5)]
    [InlineData(3, 0.7978845608028654)]   // 2/√(2π)
    [InlineData(4, 1.5)]
    [InlineData(6, 7.5)]
    public void GivenOrder_WhenHalfAbsoluteMomentComputed_ThenMatchesTheGaussianFormula(int n, double expected)
    {
        // E[relu(z)^n] = E|z|^n / 2 = 2^{n/2−1} Γ((n+1)/2)/√π; the values are hand-evaluated to 16 digits.
        Assert.Equal(expected, GaussianMoments.HalfAbsoluteMoment(n), 1e-15);
    }

    [Fact]
    public void GivenNegativeOrder_WhenHalfAbsoluteMomentComputed_ThenThrows() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianMoments.HalfAbsoluteMoment(-1));

    private static void AssertMonteCarlo(double exact, IEnumerable<double> draws, string what)
    {
        var values = draws.ToArray();
        var mean = values.Average();
        var se = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Sum() / (values.Length - 1) / values.Length);
        // 4 standard errors, plus rounding of the sum for quantities with no variance (σ' constant).
        Assert.True(Math.Abs(mean - exact) <= 4 * se + 1e-12 * (1 + Math.Abs(exact)),
            $"{what}: Monte Carlo {mean} ± {se} vs exact {exact}");
    }
}
