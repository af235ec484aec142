using FlatLab.Experiments.Specs;

namespace FlatLab.Tests.Experiments;

/// <summary>What JSON would let pass in silence is an error in a spec: empty lists and keys given twice.</summary>
public sealed class SpecJsonStructureTests
{
    private static string Spec(string top = "", string panel = "", string rho = "\"values\": [0.2, 0.8]") => $$"""
        { "name": "t", "seed": 1, "seeds": 1, {{top}}
          "rho": { {{rho}} },
          "panels": [ { "name": "a", "activation": "relu", "d": 8, "n": 30, "m": 60 {{panel}} } ] }
        """;

    [Theory]
    [InlineData("", "", "\"values\": []", "rho.values", 2)]
    [InlineData("", ", \"link\": \"sum-single-index\", \"r\": 2, \"coefficients\": []", "\"values\": [0.5]", "panels[0].coefficients", 3)]
    public void GivenAnEmptyList_WhenParsed_ThenItIsAnErrorNamingFieldAndLine(string top, string panel, string rho, string field, int line)
    {
        var error = Assert.Throws<SpecException>(() => SweepSpecJson.Parse(Spec(top, panel, rho)));

        Assert.Equal(field, error.Field);
        Assert.Contains($"{field} = []: an empty list (line {line})", error.Message);
    }

    [Fact]
    public void GivenNoPanels_WhenParsed_ThenTheEmptyListIsNamed()
    {
        var error = Assert.Throws<SpecException>(() => SweepSpecJson.Parse("""{ "name": "t", "panels": [] }"""));
        Assert.Equal("panels", error.Field);
    }

    [Fact]
    public void GivenEmptyOptionalSections_WhenParsed_ThenTheyMeanNoneAsSpecJsonWritesThem()
    {
        var spec = SweepSpecJson.Parse(Spec(top: "\"scaling\": [], \"optimizers\": [], \"searches\": [],"));
        Assert.Empty(spec.Scaling);
        Assert.Equal([0.2, 0.8], spec.Rho.Expand());
    }

    [Theory]
    [InlineData("\"seed\": 2,", "", "seed", "2", 1)]
    [InlineData("", ", \"n\": 20", "panels[0].n", "20", 3)]
    [InlineData("", ", \"name\": \"b\"", "panels[0].name", "\"b\"", 3)]
    public void GivenAKeyTwice_WhenParsed_ThenItIsAnErrorNamingKeyAndLine(string top, string panel, string field, string value, int line)
    {
        var error = Assert.Throws<SpecException>(() => SweepSpecJson.Parse(Spec(top, panel)));

        Assert.Equal(field, error.Field);
        Assert.Contains($"{field} = {value}: ", error.Message);
        Assert.Contains($"second time on line {line}", error.Message);
    }

    [Fact]
    public void GivenTheSameKeyInTwoObjects_WhenParsed_ThenItIsNoDuplicate()
    {
        var spec = SweepSpecJson.Parse(Spec(top: "\"solver\": { \"weights\": \"exact\" }, \"population\": { },"));
        Assert.Single(spec.Panels);
    }

    [Fact]
    public void GivenAPanelNameLongerThanFileNamesAllow_WhenParsed_ThenValidationRejectsIt()
    {
        var name = new string('a', 250);
        var error = Assert.Throws<SpecException>(() => SweepSpecJson.Parse(Spec().Replace("\"name\": \"a\"", $"\"name\": \"{name}\"")));

        Assert.Equal("panels[0].name", error.Field);
        Assert.Contains("250 characters long; at most 64", error.Message);
    }
}
