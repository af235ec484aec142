using FlatLab.Experiments.Results;
using FlatLab.Experiments.Specs;
using FlatLab.Search;
using FlatLab.Tests.Cli;

namespace FlatLab.Tests.Experiments;

public sealed class SearchCaseTests
{
    /// <summary>A noiseless ReLU panel (the Theorem 4 reference exists) and a quadratic network on a ReLU link (it does not),
    /// with searches from random directions, from ρ and from the perturbed reference.</summary>
    private const string SpecText = """
        { "name": "search-cases", "seed": 5, "seeds": 1,
          "rho": { "values": [0.3] },
          "panels": [
            { "name": "relu", "link": "single-index", "activation": "relu", "d": 5, "n": 20, "m": 40, "noise_std": 0 },
            { "name": "quad", "link": "single-index", "activation": "quadratic", "link_activation": "relu", "d": 5, "n": 12, "m": 40, "noise_std": 0 } ],
          "searches": [
            { "name": "random", "start": "random", "max_iterations": 3 },
            { "name": "rho", "start": "rho", "rho": 0.2, "max_iterations": 400 },
            { "name": "reference", "start": "reference", "perturbation": 1.0, "max_iterations": 400 } ] }
        """;

    [Fact]
    public void GivenSearches_WhenRun_ThenEveryRowSaysWhyItStopped_AndComparesItsEndWithTheLowerBoundAndTheReference()
    {
        using var folder = new TempDirectory();

        var rows = SweepRuns.Run(SweepSpecJson.Parse(SpecText), folder.Path).Rows.Where(r => r.Kind == FlatLab.Experiments.Running.CaseKind.Search).ToDictionary(r => r.CaseKey);

        // A cap of 3 steps is hit, and said so.
        Assert.Equal(SearchStatus.Cap, rows["relu/s00/search-random"].SearchStatus);
        Assert.Equal(3, rows["relu/s00/search-random"].TrainSteps);
        Assert.Contains("cap of 3", rows["relu/s00/search-random"].Message);
        foreach (var key in new[] { "relu/s00/search-random", "relu/s00/search-rho", "relu/s00/search-reference", "quad/s00/search-random", "quad/s00/search-rho" })
        {
            var row = rows[key];
            Assert.True(row.Status == CaseStatus.Solved, $"{key}: {row.Status}: {row.Message}");
            Assert.Contains(row.SearchStatus, new[] { SearchStatus.Converged, SearchStatus.Cap, SearchStatus.StepFailure });
            Assert.Contains(row.SearchStatus == SearchStatus.StepFailure ? "no rotation" : SnakeCaseEnum.Name(row.SearchStatus), row.Message);
            Assert.True(row.SearchStationarity >= 0 && double.IsFinite(row.SearchRelativeDecrease), key);
            Assert.True(row.SearchStatus != SearchStatus.Converged || row.SearchStationarity <= 1e-3 || row.SearchRelativeDecrease <= 1e-4, key);
            // Theorem 1: the certified lower bound at the final directions.
            Assert.True(row.LowerBound > 0 && row.LowerBound <= row.Objective * (1 + 1e-9), key);
            Assert.Equal(row.Objective / row.LowerBound, row.FlatnessOverLowerBound);
            Assert.True(double.IsFinite(row.PopulationLoss), key);
        }
        // The reference interpolates the noiseless ReLU labels exactly: it is g, so its population loss is zero.
        foreach (var key in new[] { "relu/s00/search-random", "relu/s00/search-rho", "relu/s00/search-reference" })
        {
            var row = rows[key];
            Assert.True(row.ReferenceFlatnessMin > 0, key);
            Assert.True(row.ReferencePopulationLoss <= 1e-12 * row.SignalPower, $"{key}: {row.ReferencePopulationLoss:G3}");
            Assert.Equal(row.FlatnessMin / row.ReferenceFlatnessMin, row.FlatnessOverReference);
        }
        Assert.Equal(rows["relu/s00/search-random"].ReferenceFlatnessMin, rows["relu/s00/search-reference"].ReferenceFlatnessMin);
        // Without a reference: NaN in the comparison, and the search from it cannot start.
        Assert.True(double.IsNaN(rows["quad/s00/search-random"].ReferenceFlatnessMin));
        Assert.True(double.IsNaN(rows["quad/s00/search-random"].FlatnessOverReference));
        var none = rows["quad/s00/search-reference"];
        Assert.Equal(CaseStatus.Error, none.Status);
        Assert.Equal(SearchStatus.StartFailure, none.SearchStatus);
        Assert.Contains("no reference to start from", none.Message);
    }

    [Theory]
    [InlineData("\"start\": \"reference\", \"perturbation\": 1.0", "\"start\": \"reference\", \"perturbation\": -1", "searches[2].perturbation")]
    [InlineData("\"start\": \"rho\", \"rho\": 0.2, \"max_iterations\": 400", "\"start\": \"rho\", \"rho\": 0.2, \"max_iterations\": 400, \"window\": 0", "searches[1].window")]
    [InlineData("\"start\": \"rho\", \"rho\": 0.2, \"max_iterations\": 400", "\"start\": \"rho\", \"rho\": 0.2, \"max_iterations\": 400, \"stationarity_tolerance\": 1", "searches[1].stationarity_tolerance")]
    [InlineData("\"start\": \"random\"", "\"start\": \"nowhere\"", "searches[0].start")]
    public void GivenABadSearchSetting_WhenParsed_ThenTheErrorNamesTheField(string from, string to, string field)
    {
        var e = Assert.Throws<SpecException>(() => SweepSpecJson.Parse(SpecText.Replace(from, to)));

        Assert.Contains(field, e.Message);
    }

    [Fact]
    public void GivenNoisyLabels_WhenSearched_ThenTheNoisyLabelReferenceInterpolates_AndItsLossExceedsTheNoiseFloor()
    {
        using var folder = new TempDirectory();
        var spec = SweepSpecJson.Parse("""
            { "name": "noisy-reference", "seed": 6, "seeds": 2,
              "rho": { "values": [0.3] },
              "panels": [ { "name": "relu", "link": "single-index", "activation": "relu", "d": 5, "n": 20, "m": 40, "noise_std": 0.2 } ],
              "searches": [ { "name": "random", "start": "random", "max_iterations": 2 } ] }
            """);

        var rows = SweepRuns.Run(spec, folder.Path).Rows.Where(r => r.Kind == FlatLab.Experiments.Running.CaseKind.Search).ToList();

        Assert.Equal(2, rows.Count);
        foreach (var row in rows)
        {
            // The Theorem 4 network alone does not interpolate noisy labels; with the block that fits the residual it does, so
            // its F_min is defined, and L_D = s² + E[(f − g)²] with f − g the block: above the noise floor s² = 0.04.
            Assert.True(row.ReferenceFlatnessMin > 0, row.Message);
            Assert.Equal(row.FlatnessMin / row.ReferenceFlatnessMin, row.FlatnessOverReference);
            Assert.True(row.ReferencePopulationLoss > row.NoiseVariance, $"{row.ReferencePopulationLoss:R} <= {row.NoiseVariance:R}");
            Assert.Equal(0.04, row.NoiseVariance, 1e-12);
        }
    }
}
