using FlatLab.LinearAlgebra;
using FlatLab.Experiments.Analysis;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Specs;

namespace FlatLab.Tests.Experiments;

public sealed class ScalingStudyTests
{
    private const string SpecText = """
        { "name": "scaling", "seed": 3, "seeds": 2, "rho": { "values": [0.1, 0.9] },
          "scaling": [ { "name": "relu", "dimensions": [10, 20, 40], "samples_per_dimension": 3, "width_per_sample": 2.5,
                         "panel": { "link": "single-index", "activation": "relu", "noise_std": 0 } } ] }
        """;

    [Fact]
    public void GivenAScalingStudy_WhenExpanded_ThenEachDimensionIsAPanelWithProportionalSizes()
    {
        var spec = SweepSpecJson.Parse(SpecText);

        var panels = spec.AllPanels;

        Assert.Equal(["relu-d10", "relu-d20", "relu-d40"], panels.Select(p => p.Name));
        Assert.Equal([(10, 30, 75), (20, 60, 150), (40, 120, 300)], panels.Select(p => (p.D, p.N, p.M)));
        Assert.All(panels, p => Assert.Equal("scaling-relu", p.Figure));
        Assert.Equal(3 * 2 * 2, SweepCase.Expand(spec).Count);
    }

    [Theory]
    [InlineData("[10, 20, 40]", "[10, 20]", "scaling[0].dimensions")]
    [InlineData("[10, 20, 40]", "[10, 40, 20]", "scaling[0].dimensions")]
    [InlineData("\"width_per_sample\": 2.5", "\"width_per_sample\": 1", "scaling[0].width_per_sample")]
    public void GivenABadScalingStudy_WhenParsed_ThenTheErrorNamesTheField(string from, string to, string field)
    {
        var e = Assert.Throws<SpecException>(() => SweepSpecJson.Parse(SpecText.Replace(from, to)));

        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void GivenRowsFollowingKnownPowerLaws_WhenFitted_ThenTheSlopesAreRecoveredAndTheSeparationIsTheRatioToTheReference()
    {
        // F_min = 3 d^0.5 at ρ = 0.9 and 5 d^0.8 at ρ = 0.1; the reference 2 d^0.5; separation = F(0.1)/F_ref = 2.5 d^0.3.
        var spec = SweepSpecJson.Parse(SpecText);
        var rows = SweepCase.Expand(spec).Select(c => Row(c, c.Rho == 0.1 ? 5 * Math.Pow(c.Panel.D, 0.8) : 3 * Math.Pow(c.Panel.D, 0.5),
            0.2 * Math.Pow(c.Panel.D, -1), 2 * Math.Sqrt(c.Panel.D))).ToList();

        var fits = ScalingAnalysis.Fit(spec, rows);

        double Slope(string quantity, double rho) =>
            fits.Single(f => f.Quantity == quantity && (double.IsNaN(rho) ? double.IsNaN(f.Rho) : f.Rho == rho)).Fit!.Slope;
        Assert.Equal(0.8, Slope("flatness_min", 0.1), 1e-12);
        Assert.Equal(0.5, Slope("flatness_min", 0.9), 1e-12);
        Assert.Equal(-1.0, Slope("excess_loss", 0.9), 1e-12);
        Assert.Equal(0.3, Slope("separation_reference", 0.1), 1e-12);
        Assert.DoesNotContain(fits, f => f.Quantity == "separation_search"); // no searches in this sweep
        var reference = fits.Single(f => f.Quantity == "reference_flatness_min");
        Assert.Equal(0.5, reference.Fit!.Slope, 1e-12);
        Assert.Equal(0.5, reference.Predicted, 1e-12); // exactly 1/2 for ReLU at any d (docs/theory.md §7)
        Assert.Equal(0.5, reference.AsymptoticExponent);
        // Every seed alike: the bootstrap interval collapses on the slope, but two seeds decide nothing.
        Assert.Equal(0.5, reference.Slope.Lower, 1e-12);
        Assert.Equal(0.5, reference.Slope.Upper, 1e-12);
        Assert.Equal(2, reference.Slope.Seeds);
        Assert.Equal(ClaimStatus.Inconclusive, reference.Verdict!.Status);
    }

    [Fact]
    public void GivenAScalingSweep_WhenReported_ThenTheFittedLawsAndTheirFigureAreWritten()
    {
        using var folder = new FlatLab.Tests.Cli.TempDirectory();
        var spec = SweepSpecJson.Parse(SpecText);
        var settings = new SweepRunSettings { Kernels = DenseKernels.Default };
        var started = DateTimeOffset.UtcNow;
        var result = SweepRunner.Run(spec, folder.Path, settings);

        FlatLab.Reporting.Runs.RunReport.Write(folder.Path, spec, result.Rows,
            FlatLab.Reporting.Runs.RunManifestFactory.Capture(spec, settings, result, started));

        var csv = File.ReadAllLines(Path.Combine(folder.Path, "scaling.csv"));
        Assert.Contains(csv, l => l.StartsWith("relu,,reference_flatness_min,3,", StringComparison.Ordinal));
        Assert.True(new FileInfo(Path.Combine(folder.Path, "figures", "scaling-relu-laws.png")).Length > 0);
        Assert.Contains("## Scaling studies", File.ReadAllText(Path.Combine(folder.Path, "summary.md")));
    }

    private static CaseResult Row(SweepCase c, double flatness, double excess, double reference) => new()
    {
        CaseKey = c.Key, CaseIndex = c.Index, CaseSeed = 0, DataSeed = 0, Repetition = c.Repetition, Panel = c.Panel.Name,
        Figure = c.Panel.Figure, Link = "single-index", Activation = "relu", LinkActivation = "relu", InsideAssumption1 = true,
        K = 1, P = 1, D = c.Panel.D, N = c.Panel.N, M = c.Panel.M, R = 1, NoiseStd = 0, Rho = c.Rho, Weights = "exact",
        Status = CaseStatus.Solved, Message = "", FlatnessMin = flatness, PopulationLoss = excess, ExcessLoss = excess,
        ReferenceFlatnessMin = reference,
    };
}
