using FlatLab.Activations;

namespace FlatLab.Tests.Activations;

public sealed class ActivationTests
{
    public static TheoryData<string> All => new()
    {
        "relu", "leaky-relu:0.1", "abs", "quadratic", "relu-power:2", "relu-power:3", "linear", "odd-power:3", "odd-power:5", "3,0.5,-2",
    };

    private static readonly double[] Points = [-2.3, -1.1, -0.4, 0.35, 0.9, 1.7];

    [Theory]
    [MemberData(nameof(All))]
    public void GivenPointsAwayFromZero_WhenDifferentiated_ThenMatchesCentralFiniteDifferences(string name)
    {
        var sigma = ActivationParser.Parse(name);
        // The points are ≥ 0.35 from the kink at 0 and h = 1e-5, so the stencil stays on one polynomial
        // piece: central differences then err by h²/6·|σ'''| ≈ 1e-9 plus rounding ε|σ|/h ≈ 1e-10.
        const double h = 1e-5;
        foreach (var z in Points)
        {
            var d1 = (sigma.Value(z + h) - sigma.Value(z - h)) / (2 * h);
            var d2 = (sigma.Derivative(z + h) - sigma.Derivative(z - h)) / (2 * h);
            Assert.Equal(d1, sigma.Derivative(z), 1e-7 * (1 + Math.Abs(d1)));
            Assert.Equal(d2, sigma.SecondDerivative(z), 1e-7 * (1 + Math.Abs(d2)));
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void GivenPositiveScale_WhenEvaluated_ThenHomogeneousOfDegreeK(string name)
    {
        var sigma = ActivationParser.Parse(name);
        foreach (var z in Points)
            foreach (var t in new[] { 0.3, 2.5 })
                Assert.Equal(Math.Pow(t, sigma.K) * sigma.Value(z), sigma.Value(t * z), 1e-13 * (1 + Math.Abs(sigma.Value(t * z))));
    }

    [Theory]
    [InlineData("relu", true)]
    [InlineData("leaky-relu:0.1", true)]
    [InlineData("abs", true)]
    [InlineData("quadratic", true)]
    [InlineData("relu-power:2", true)]
    [InlineData("relu-power:3", true)]
    [InlineData("linear", false)]
    [InlineData("odd-power:3", false)]
    [InlineData("odd-power:5", false)]
    [InlineData("leaky-relu:-1", true)]  // |z| in disguise
    [InlineData("2,1,-1", false)]        // z|z| is odd
    public void GivenActivation_WhenAskedAboutAssumption1_ThenTrueExactlyWhenTheGaussianMeanIsNonZero(string name, bool inside)
    {
        Assert.Equal(inside, ActivationParser.Parse(name).InsideAssumption1);
    }

    [Fact]
    public void GivenBadCoefficients_WhenConstructed_ThenThrows()
    {
        Assert.Throws<ArgumentException>(() => new Activation(0, 1, 0));
        Assert.Throws<ArgumentException>(() => new Activation(1, 0, 0));
        Assert.Throws<ArgumentException>(() => new Activation(1, double.NaN, 0));
        Assert.Throws<ArgumentException>(() => new Activation(1, 1, double.PositiveInfinity));
    }
}
