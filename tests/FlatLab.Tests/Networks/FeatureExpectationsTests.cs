using FlatLab.Activations;
using FlatLab.Randomness;
using FlatLab.Networks;

namespace FlatLab.Tests.Networks;

public sealed class FeatureExpectationsTests
{
    [Theory]
    [InlineData("relu")]
    [InlineData("leaky-relu:0.1")]
    [InlineData("quadratic")]
    [InlineData("relu-power:3")]
    public void GivenActivation_WhenConcentrationCentresComputed_ThenAgreeWithMonteCarloWithinFourStandardErrors(string name)
    {
        var sigma = ActivationParser.Parse(name);
        var random = new RandomSource(2024).Fork(name);
        const int samples = 100_000;
        const int d = 5;
        var w = random.Fork("direction").UnitVector(d);
        var s = new double[samples];
        var zz = new double[samples];
        var t = new double[samples];
        var x = new double[d];
        for (var i = 0; i < samples; i++)
        {
            random.FillGaussian(x);
            var z = 0.0;
            var sq = 0.0;
            for (var c = 0; c < d; c++)
            {
                z += w[c] * x[c];
                sq += x[c] * x[c];
            }
            var dv = sigma.Derivative(z);
            s[i] = sigma.Value(z) * sigma.Value(z);
            zz[i] = dv * dv * z * z;
            t[i] = dv * dv * sq;
        }

        NumericChecks.AssertWithinFourErrors(FeatureExpectations.PerSampleS(sigma), s, "E σ(w·x)²");
        NumericChecks.AssertWithinFourErrors(FeatureExpectations.DerivativeSquaredTimesSquare(sigma), zz, "E σ'(z)² z²");
        NumericChecks.AssertWithinFourErrors(FeatureExpectations.PerSampleT(sigma, d), t, "E σ'(w·x)² ‖x‖²");
    }

    [Fact]
    public void GivenRelu_WhenDerivativeSquaredTimesSquareComputed_ThenEqualsOneHalf()
    {
        // For ReLU σ'(z)² z² = z² on z > 0 and 0 otherwise, so the mean is E[z²; z > 0] = 1/2.
        Assert.Equal(0.5, FeatureExpectations.DerivativeSquaredTimesSquare(ActivationParser.Parse("relu")), 1e-15);
    }

    [Fact]
    public void GivenQuadratic_WhenPerSampleTComputed_ThenEqualsTheHandDerivedValue()
    {
        // σ = z²: σ'(z)² z² = 4 z⁴ with mean 12; σ'(z)² = 4 z² with mean 4; d = 7 gives 12 + 6·4 = 36.
        Assert.Equal(36.0, FeatureExpectations.PerSampleT(ActivationParser.Parse("quadratic"), 7), 1e-12);
        Assert.Equal(3.0, FeatureExpectations.PerSampleS(ActivationParser.Parse("quadratic")), 1e-15);
    }

    [Fact]
    public void GivenZeroDimension_WhenPerSampleTComputed_ThenThrows() =>
        Assert.Throws<ArgumentException>(() => FeatureExpectations.PerSampleT(ActivationParser.Parse("relu"), 0));
}
