using FlatLab.Activations;
using FlatLab.Population;

namespace FlatLab.Tests.Population;

public sealed class ArcCosineTests
{
    private static readonly double[] Angles = [0, 0.1, 0.7, Math.PI / 2, 2.2, 3.0, Math.PI];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void GivenInteriorAngles_WhenJkIsEvaluated_ThenItMatchesModelDerivativeFormula(int k)
    {
        // The symbolic formula divides by powers of sin θ: stay away from 0 and π. Its terms are
        // O(k! · π) in size, so 1e-11 absolute is a few hundred ulps.
        foreach (var theta in new[] { 0.05, 0.4, 1.0, Math.PI / 2, 2.0, 2.9, 3.1 })
            Assert.Equal(ArcCosineDerivativeFormula.Evaluate(k, theta), GaussianKernels.ArcCosine(k, theta), 1e-11);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void GivenAnyAngleIncludingEnds_WhenJkIsEvaluated_ThenItMatchesPolarQuadrature(int k)
    {
        var relu = new Activation(Math.Max(k, 1), 1, 0);
        foreach (var theta in Angles)
        {
            var reference = k == 0 ? (Math.PI - theta) / (2 * Math.PI) : PolarQuadrature.Expectation(relu, relu, theta);
            Assert.Equal(reference, GaussianKernels.ArcCosine(k, theta) / (2 * Math.PI), 1e-12);
        }
    }

    [Fact]
    public void GivenEndAngles_WhenJkIsEvaluated_ThenItIsTheGaussianMomentAtZeroAndVanishesAtPi()
    {
        // J_k(0)/(2π) = E[relu(z)^{2k}]: at θ = 0 both factors are the same variable.
        for (var k = 0; k <= 5; k++)
            Assert.Equal(2 * Math.PI * GaussianMoments.HalfAbsoluteMoment(2 * k), GaussianKernels.ArcCosine(k, 0), 1e-11);
        // J_k(π) = 0: two opposite half-spaces never overlap.
        for (var k = 0; k <= 5; k++)
            Assert.Equal(0, GaussianKernels.ArcCosine(k, Math.PI), 1e-11);
    }

    [Theory]
    [InlineData(1, 0.3)]
    [InlineData(2, -0.6)]
    [InlineData(3, 0.8)]
    public void GivenReluPowers_WhenKernelIsCompared_ThenMonteCarloAgreesWithinFourStandardErrors(int k, double cosine)
    {
        var relu = new Activation(k, 1, 0);
        var (mean, se) = KernelMonteCarlo.Estimate(relu, relu, cosine, 200_000, seed: (ulong)(17 * k));
        var exact = GaussianKernels.ArcCosine(k, Math.Acos(cosine)) / (2 * Math.PI);
        Assert.True(Math.Abs(mean - exact) < 4 * se, $"k = {k}: MC {mean} ± {se}, exact {exact}");
    }

    [Fact]
    public void GivenBadInput_WhenArcCosineIsCalled_ThenItThrows()
    {
        Assert.Throws<ArgumentException>(() => GaussianKernels.ArcCosine(-1, 1));
        Assert.Throws<ArgumentException>(() => GaussianKernels.ArcCosine(1, 3.5));
        Assert.Throws<ArgumentException>(() => GaussianKernels.ArcCosine(1, double.NaN));
    }
}
