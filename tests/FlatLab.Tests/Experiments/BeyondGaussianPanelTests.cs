using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Specs;
using FlatLab.Tests.Cli;

namespace FlatLab.Tests.Experiments;

public sealed class BeyondGaussianPanelTests
{
    /// <summary>A network with biases on Gaussian data, hypercube features, and XOR labels on the hypercube; d = 16
    /// keeps the 30 hypercube samples distinct (with d = 8, two equal inputs with different noisy labels are
    /// likely, and no network interpolates them: the solver rightly says infeasible).</summary>
    private const string SpecText = """
        { "name": "beyond", "seed": 13, "seeds": 1,
          "rho": { "values": [0.2, 0.8] },
          "population": { "method": "exact", "samples": 4000 },
          "panels": [
            { "name": "bias", "link": "single-index", "activation": "relu", "bias": true, "d": 6, "n": 30, "m": 70 },
            { "name": "cube", "link": "single-index", "activation": "relu", "features": "hypercube", "d": 16, "n": 30, "m": 70 },
            { "name": "xor", "link": "xor", "activation": "relu", "features": "hypercube", "bias": true, "d": 16, "n": 30, "m": 70, "noise_std": 0 } ],
          "searches": [ { "name": "random", "start": "random", "max_iterations": 3 } ] }
        """;

    [Fact]
    public void GivenPanelsBeyondTheGaussianBiasFreeSetting_WhenRun_ThenEveryCaseSolvesWithASampledPopulationLoss()
    {
        using var folder = new TempDirectory();

        var rows = SweepRuns.Run(SweepSpecJson.Parse(SpecText), folder.Path).Rows;

        Assert.Equal(9, rows.Count);
        Assert.All(rows, r => Assert.True(r.Status == CaseStatus.Solved, $"{r.CaseKey}: {r.Message}"));
        Assert.All(rows, r => Assert.Equal("monte-carlo", r.PopulationLossMethod));
        Assert.All(rows, r => Assert.True(r.PopulationLossSe > 0 && double.IsFinite(r.PopulationLoss)));
        // Biases are reported where the network has them, and only there.
        Assert.All(rows.Where(r => r.Panel is "bias" or "xor"), r => Assert.InRange(r.BiasShare, 1e-6, 1));
        Assert.All(rows.Where(r => r.Panel == "cube"), r => Assert.True(double.IsNaN(r.BiasShare)));
        // The Gaussian concentration expectations do not apply off the paper's setting.
        Assert.All(rows.Where(r => r.IsRho), r => Assert.True(double.IsNaN(r.SDeviationMax)));
        // The XOR labels are x₁x₂ exactly (noise 0): the samples' labels are ±1.
        var xor = rows.Single(r => r.CaseKey == "xor/s00/rho00");
        Assert.Equal(1.0, xor.SignalPower, 0.05);
    }

    [Fact]
    public void GivenAnOptimizerRunOnAPanelWithBiases_WhenParsed_ThenTheSpecIsRejectedNamingThePanel()
    {
        var text = SpecText.Replace("\"searches\"", "\"optimizers\": [ { \"name\": \"gd\" } ], \"searches\"");

        var e = Assert.Throws<SpecException>(() => SweepSpecJson.Parse(text));

        Assert.Equal("optimizers[0].panels", e.Field);
        Assert.Contains("bias", e.Message);
    }

    [Fact]
    public void GivenAnUnknownFeatureDistribution_WhenParsed_ThenTheErrorNamesTheField()
    {
        var e = Assert.Throws<SpecException>(() => SweepSpecJson.Parse(SpecText.Replace("\"hypercube\", \"d\": 16, \"n\": 30, \"m\": 70 },", "\"cube\", \"d\": 16, \"n\": 30, \"m\": 70 },")));

        Assert.Equal("panels[1].features", e.Field);
    }
}
