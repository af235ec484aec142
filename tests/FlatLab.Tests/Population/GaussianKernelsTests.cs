using FlatLab.Activations;
using FlatLab.Population;

namespace FlatLab.Tests.Population;

public sealed class GaussianKernelsTests
{
    public static readonly TheoryData<string> Presets = new() { "relu", "leaky-relu:0.1", "abs", "quadratic", "relu-power:3", "linear" };

    public static readonly TheoryData<string, string> MixedPairs = new()
    {
        { "quadratic", "relu" },
        { "quadratic", "linear" },
        { "relu", "relu-power:3" },
        { "abs", "quadratic" },
        { "leaky-relu:0.1", "relu-power:3" },
        { "2,1,0.5", "odd-power:3" },
    };

    [Theory]
    [MemberData(nameof(Presets))]
    public void GivenAPreset_WhenPairedWithItself_ThenMonteCarloAgreesWithinFourStandardErrors(string name)
    {
        var s = ActivationParser.Parse(name);
        foreach (var (cosine, seed) in new[] { (0.35, 1UL), (-0.8, 2UL) })
        {
            var (mean, se) = KernelMonteCarlo.Estimate(s, s, cosine, 200_000, seed);
            var exact = GaussianKernels.Expectation(s, s, cosine);
            Assert.True(Math.Abs(mean - exact) < 4 * se, $"{name} at c = {cosine}: MC {mean} ± {se}, exact {exact}");
        }
    }

    [Theory]
    [MemberData(nameof(MixedPairs))]
    public void GivenAMixedPair_WhenEvaluated_ThenMonteCarloAgreesWithinFourStandardErrors(string first, string second)
    {
        var (s1, s2) = (ActivationParser.Parse(first), ActivationParser.Parse(second));
        var (mean, se) = KernelMonteCarlo.Estimate(s1, s2, 0.55, 200_000, seed: 5);
        var exact = GaussianKernels.Expectation(s1, s2, 0.55);
        Assert.True(Math.Abs(mean - exact) < 4 * se, $"{first} × {second}: MC {mean} ± {se}, exact {exact}");
    }

    [Theory]
    [MemberData(nameof(MixedPairs))]
    public void GivenAnyPair_WhenEvaluatedOverAllAngles_ThenPolarQuadratureAgreesTo1e12(string first, string second)
    {
        // The accuracy required is 1e-10; the quadrature reference is good to about 1e-13.
        var (s1, s2) = (ActivationParser.Parse(first), ActivationParser.Parse(second));
        foreach (var theta in new[] { 0, 1e-6, 0.3, 1.2, Math.PI / 2, 2.5, Math.PI - 1e-6, Math.PI })
        {
            var exact = GaussianKernels.Expectation(s1, s2, Math.Cos(theta));
            Assert.Equal(PolarQuadrature.Expectation(s1, s2, theta), exact, 1e-12);
            Assert.Equal(PolarQuadrature.Expectation(s2, s1, theta), GaussianKernels.Expectation(s2, s1, Math.Cos(theta)), 1e-12);
        }
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void GivenAPreset_WhenCosineIsOneOrZero_ThenTheKernelIsTheGaussianMoment(string name)
    {
        var s = ActivationParser.Parse(name);
        // c = 1: one variable, E σ(z)²; c = 0: independent, (E σ(z))²; c = −1: E σ(z)σ(−z) = c₊c₋(−1)ᵏ E|z|^{2k}.
        Assert.Equal(GaussianMoments.SecondMoment(s), GaussianKernels.Expectation(s, s, 1), 1e-13);
        var mean = GaussianMoments.Mean(s);
        Assert.Equal(mean * mean, GaussianKernels.Expectation(s, s, 0), 1e-13);
        var opposite = 2 * s.CPlus * s.CMinus * (s.K % 2 == 0 ? 1 : -1) * GaussianMoments.HalfAbsoluteMoment(2 * s.K);
        Assert.Equal(opposite, GaussianKernels.Expectation(s, s, -1), 1e-13);
    }

    [Theory]
    [MemberData(nameof(MixedPairs))]
    public void GivenAMixedPair_WhenCosineIsOneOrZero_ThenTheKernelIsTheProductMoment(string first, string second)
    {
        var (s1, s2) = (ActivationParser.Parse(first), ActivationParser.Parse(second));
        Assert.Equal(GaussianMoments.Mean(s1) * GaussianMoments.Mean(s2), GaussianKernels.Expectation(s1, s2, 0), 1e-13);
        // c = 1: E σ₁(z)σ₂(z) = (c₁₊c₂₊ + (−1)^{a+b} c₁₋c₂₋) E[relu(z)^{a+b}].
        var same = (s1.CPlus * s2.CPlus + ((s1.K + s2.K) % 2 == 0 ? 1 : -1) * s1.CMinus * s2.CMinus)
                   * GaussianMoments.HalfAbsoluteMoment(s1.K + s2.K);
        Assert.Equal(same, GaussianKernels.Expectation(s1, s2, 1), 1e-13);
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void GivenTheLinearActivation_WhenPairedWithAnyPreset_ThenSteinsLemmaHolds(string name)
    {
        // Stein: E[σ(w·x)(u·x)] = (w·u) E σ'(z), an identity independent of the kernel algebra.
        var s = ActivationParser.Parse(name);
        var linear = ActivationParser.Parse("linear");
        foreach (var c in new[] { -1, -0.7, 0, 0.25, 0.9, 1 })
            Assert.Equal(c * GaussianMoments.DerivativeMean(s), GaussianKernels.Expectation(s, linear, c), 1e-13);
    }

    [Fact]
    public void GivenAReluNetworkAndAQuadraticLink_WhenEvaluated_ThenTheKernelIsOnePlusCSquaredOverRootTwoPi()
    {
        // docs/model.md §7.4: E[relu(z₁) z₂²] = c² E relu(z)³ + (1 − c²) E relu(z), by z₂ = c z₁ + √(1 − c²) ξ.
        var relu = ActivationParser.Parse("relu");
        var quadratic = ActivationParser.Parse("quadratic");
        foreach (var c in new[] { -1, -0.6, 0, 0.3, 0.95, 1 })
        {
            var expected = (1 + c * c) / Math.Sqrt(2 * Math.PI);
            Assert.Equal(expected, GaussianKernels.Expectation(relu, quadratic, c), 1e-14);
            Assert.Equal(expected, GaussianKernels.Expectation(quadratic, relu, c), 1e-14);
        }
    }

    [Fact]
    public void GivenAReluNetworkAndALeakyReluLink_WhenEvaluated_ThenTheKernelIsTheTwoArcCosineTerms()
    {
        // docs/model.md §7.4: K(c) = [J₁(θ) − α J₁(π − θ)] / (2π).
        const double alpha = 0.1;
        var relu = ActivationParser.Parse("relu");
        var leaky = ActivationParser.Parse("leaky-relu:0.1");
        foreach (var c in new[] { -1, -0.6, 0, 0.3, 0.95, 1 })
        {
            var theta = Math.Acos(c);
            var expected = (GaussianKernels.ArcCosine(1, theta) - alpha * GaussianKernels.ArcCosine(1, Math.PI - theta)) / (2 * Math.PI);
            Assert.Equal(expected, GaussianKernels.Expectation(relu, leaky, c), 1e-14);
        }
        Assert.Equal((1 - alpha) / (2 * Math.PI), GaussianKernels.Expectation(relu, leaky, 0), 1e-15);
    }

    [Fact]
    public void GivenACosineSlightlyPastOne_WhenEvaluated_ThenItIsClamped_AndAFarOneThrows()
    {
        var relu = ActivationParser.Parse("relu");
        Assert.Equal(GaussianKernels.Expectation(relu, relu, 1), GaussianKernels.Expectation(relu, relu, 1 + 1e-15));
        Assert.Throws<ArgumentException>(() => GaussianKernels.Expectation(relu, relu, 1.01));
        Assert.Throws<ArgumentException>(() => GaussianKernels.Expectation(relu, relu, double.NaN));
    }
}
