using FlatLab.Activations;

namespace FlatLab.Tests.Activations;

public sealed class ActivationParserTests
{
    [Theory]
    [InlineData("relu", 1, 1.0, 0.0, "relu")]
    [InlineData("abs", 1, 1.0, -1.0, "abs")]
    [InlineData("quadratic", 2, 1.0, 1.0, "quadratic")]
    [InlineData("linear", 1, 1.0, 1.0, "linear")]
    [InlineData("leaky-relu:0.2", 1, 1.0, 0.2, "leaky-relu:0.2")]
    [InlineData("relu-power:3", 3, 1.0, 0.0, "relu-power:3")]
    [InlineData("odd-power:5", 5, 1.0, 1.0, "odd-power:5")]
    [InlineData("2,1,0.5", 2, 1.0, 0.5, "2,1,0.5")]
    [InlineData("  ReLU ", 1, 1.0, 0.0, "relu")]
    public void GivenPresetName_WhenParsed_ThenHasItsDegreeCoefficientsAndName(string text, int k, double cPlus, double cMinus, string name)
    {
        var sigma = ActivationParser.Parse(text);
        Assert.Equal(k, sigma.K);
        Assert.Equal(cPlus, sigma.CPlus);
        Assert.Equal(cMinus, sigma.CMinus);
        Assert.Equal(name, sigma.Name);
        Assert.Equal(2.0 * k / (k + 1), sigma.P, 1e-15);
        // The name is a spelling the parser reads back to the same activation.
        Assert.Equal(sigma, ActivationParser.Parse(sigma.Name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sigmoid")]
    [InlineData("relu:2")]
    [InlineData("quadratic:1")]
    [InlineData("relu-power")]
    [InlineData("relu-power:0")]
    [InlineData("relu-power:x")]
    [InlineData("relu-power:1.5")]
    [InlineData("odd-power:2")]
    [InlineData("leaky-relu")]
    [InlineData("leaky-relu:")]
    [InlineData("leaky-relu:abc")]
    [InlineData("leaky-relu:nan")]
    [InlineData("leaky-relu:inf")]
    [InlineData("1,2")]
    [InlineData("1,2,3,4")]
    [InlineData("0,1,1")]
    [InlineData("1,0,0")]
    [InlineData("2,1,x")]
    public void GivenBadName_WhenParsed_ThenThrowsArgumentException(string text)
    {
        var ex = Assert.Throws<ArgumentException>(() => ActivationParser.Parse(text));
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Fact]
    public void GivenLeakyReluWithoutSlope_WhenParsed_ThenTheMessageShowsTheFix()
    {
        var ex = Assert.Throws<ArgumentException>(() => ActivationParser.Parse("leaky-relu"));
        Assert.Contains("leaky-relu:ALPHA", ex.Message);
        Assert.Contains("leaky-relu:0.01", ex.Message);
    }

    [Fact]
    public void GivenUnknownName_WhenParsed_ThenMessageListsTheChoices()
    {
        var ex = Assert.Throws<ArgumentException>(() => ActivationParser.Parse("tanh"));
        Assert.Contains("tanh", ex.Message);
        Assert.Contains(ActivationParser.Help, ex.Message);
    }

    [Fact]
    public void GivenNull_WhenParsed_ThenThrows() =>
        Assert.Throws<ArgumentNullException>(() => ActivationParser.Parse(null!));
}
