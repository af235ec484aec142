using FlatLab.Experiments.Specs;

namespace FlatLab.Tests.Experiments;

public sealed class SweepSpecValidationTests
{
    /// <summary>A valid spec with one placeholder for the field under test.</summary>
    private static string Spec(string top = "", string panel = "", string second = "", string rho = "\"values\": [0.2, 0.8]") => $$"""
        // a comment, as users write them
        { "name": "t", "seed": 1, "seeds": 1, {{top}}
          "rho": { {{rho}} },
          "panels": [ { "name": "a", "activation": "relu", "d": 8, "n": 30, "m": 60 {{panel}} } {{second}} ] }
        """;

    [Fact]
    public void GivenTheTemplate_WhenParsed_ThenItIsValid()
    {
        var spec = SweepSpecJson.Parse(Spec());
        Assert.Equal(60, spec.Panels[0].M);
        Assert.Equal([0.2, 0.8], spec.Rho.Expand());
    }

    public static TheoryData<string, string, string> InvalidSpecs => new()
    {
        // json, field, value as quoted in the message
        { Spec(rho: "\"values\": [0.2, 1.5]"), "rho.values[1]", "1.5" },
        { Spec(rho: "\"min\": 0, \"max\": 0.5, \"count\": 4"), "rho.min", "0" },
        { Spec().Replace("\"m\": 60", "\"m\": 30"), "panels[0].m", "30" },
        { Spec(panel: ", \"r\": 8, \"link\": \"sum-single-index\""), "panels[0].r", "8" },
        { Spec().Replace("\"relu\"", "\"softplus\""), "panels[0].activation", "softplus" },
        { Spec(panel: ", \"link\": \"cubic\""), "panels[0].link", "cubic" },
        { Spec(top: "\"sedd\": 4,"), "sedd", "4" },
        { Spec(panel: ", \"colour\": \"red\""), "panels[0].colour", "\"red\"" },
        { Spec(top: "\"population\": { \"samples\": \"many\" },"), "population.samples", "\"many\"" },
        { Spec().Replace("\"d\": 8", "\"d\": 8.5"), "panels[0].d", "8.5" },
        { Spec(second: ", { \"name\": \"a\", \"d\": 8, \"n\": 30, \"m\": 60 }"), "panels[].name", "a" },
        { Spec(top: "\"solver\": { \"weights\": \"heavy\" },"), "solver.weights", "heavy" },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public void GivenAnInvalidSpec_WhenParsed_ThenTheErrorNamesFieldAndValue(string json, string field, string value)
    {
        var error = Assert.Throws<SpecException>(() => SweepSpecJson.Parse(json));

        Assert.Equal(field, error.Field);
        Assert.Contains($"{field} = {value}: ", error.Message);
        // and says why: something after the value
        Assert.True(error.Message.Length > error.Message.IndexOf($"{field} = {value}: ", StringComparison.Ordinal) + field.Length + value.Length + 6,
            error.Message);
    }

    [Fact]
    public void GivenEveryPreset_WhenLoaded_ThenItValidatesAndWritesBackToTheSameSpec()
    {
        foreach (var name in SweepPresets.Names)
        {
            var spec = SweepPresets.Get(name);
            var again = SweepSpecJson.Parse(SweepSpecJson.Write(spec));
            Assert.Equal(SweepSpecJson.Write(spec), SweepSpecJson.Write(again));
        }
    }
}
