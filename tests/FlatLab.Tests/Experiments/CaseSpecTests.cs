using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Runs;
using FlatLab.Experiments.Specs;
using FlatLab.Population;
using FlatLab.Solvers;
using FlatLab.Tests.Cli;
using FlatLab.Training;

namespace FlatLab.Tests.Experiments;

/// <summary>Each case carries its own spec; names in a spec are unique and read into typed values.</summary>
public sealed class CaseSpecTests
{
    private const string SpecText = """
        { "name": "cases", "seed": 5, "seeds": 1,
          "rho": { "values": [0.2, 0.7] },
          "solver": { "weights": "unit", "point": "central", "max_iterations": 80 },
          "population": { "method": "monte-carlo", "samples": 500 },
          "panels": [ { "name": "p", "link": "sum-single-index", "activation": "Leaky-ReLU:0.5", "r": 2, "d": 6, "n": 20, "m": 50,
                        "features": "gaussian" } ],
          "optimizers": [ { "name": "gd", "optimizer": "gd", "max_steps": 100 },
                          { "name": "sam", "optimizer": "sam", "max_steps": 50 } ],
          "searches": [ { "name": "from-sam", "start": "trained", "from": "sam", "max_iterations": 3 },
                        { "name": "near", "start": "rho", "rho": 0.4 } ] }
        """;

    [Fact]
    public void GivenASpec_WhenParsed_ThenItsNamesAreTypedValues()
    {
        var spec = SweepSpecJson.Parse(SpecText);

        var panel = spec.Panels[0];
        Assert.Equal(new Activation(1, 1, 0.5), panel.Activation);
        Assert.Equal("leaky-relu:0.5", panel.Activation.Name);
        Assert.Equal(FlatLab.Data.LinkKind.SumSingleIndex, panel.Link.Kind);
        Assert.Equal(FeatureDistribution.Gaussian, panel.Features);
        Assert.Equal((OuterWeighting.Unit, OptimalPoint.Central, 80), (spec.Solver.Weights, spec.Solver.Point, spec.Solver.MaxIterations));
        Assert.Equal(PopulationLossMethod.MonteCarlo, spec.Population.Method);
        Assert.Equal([OptimizerKind.GradientDescent, OptimizerKind.Sam], spec.Optimizers.Select(o => o.Optimizer));
        Assert.Equal([SearchStart.Trained, SearchStart.Rho], spec.Searches.Select(s => s.Start));
    }

    [Fact]
    public void GivenAWrittenSpec_WhenReadBack_ThenItIsTheSameSpecWithCanonicalNamesAndNoDerivedFields()
    {
        var spec = SweepSpecJson.Parse(SpecText);

        var text = SweepSpecJson.Write(spec);
        var again = SweepSpecJson.Parse(text);

        Assert.Equal(text, SweepSpecJson.Write(again));
        Assert.Contains("\"activation\": \"leaky-relu:0.5\"", text);
        Assert.Contains("\"weights\": \"unit\"", text);
        Assert.Contains("\"method\": \"monte-carlo\"", text);
        Assert.Contains("\"start\": \"trained\"", text);
        foreach (var derived in new[] { "is_xor", "network_activation", "weighting", "is_monte_carlo", "link_kind" })
            Assert.DoesNotContain($"\"{derived}\"", text);
    }

    [Fact]
    public void GivenTheSolverSpec_WhenNotWritten_ThenItsDefaultsAreTheSolverSettingsDefaults()
    {
        var spec = SweepSpecJson.Parse(SpecText.Replace("\"max_iterations\": 80 ", ""));
        var defaults = new SolverSettings();

        var settings = spec.Solver.Settings();

        Assert.Equal(defaults with { Point = OptimalPoint.Central }, settings);
        Assert.Equal(new TrainingSpec().LearningRate, spec.Optimizers[0].LearningRate);
    }

    [Fact]
    public void GivenASpec_WhenExpanded_ThenEveryCaseCarriesItsOwnSpec()
    {
        var spec = SweepSpecJson.Parse(SpecText);

        var cases = SweepCase.Expand(spec);

        Assert.Equal(["p/s00/rho00", "p/s00/rho01", "p/s00/train-gd", "p/s00/train-sam", "p/s00/search-from-sam", "p/s00/search-near"],
            cases.Select(c => c.Key));
        Assert.Equal([0.2, 0.7], cases.OfType<RhoCase>().Select(c => c.Rho));
        Assert.Same(spec.Optimizers[1], cases.OfType<TrainingCase>().Last().Run);
        var searches = cases.OfType<SearchCase>().ToArray();
        Assert.Same(spec.Optimizers[1], searches[0].StartRun);
        Assert.Null(searches[1].StartRun);
        Assert.Equal(0.4, searches[1].Rho);
        Assert.All(cases, c => Assert.Same(spec.Solver, c.Solver));
        Assert.All(cases, c => Assert.Same(spec.Population, c.Population));
        Assert.Equal(Enumerable.Range(0, cases.Count), cases.Select(c => c.Index));
    }

    [Theory]
    [InlineData("{ \"name\": \"sam\", \"optimizer\": \"sam\", \"max_steps\": 50 }", "{ \"name\": \"gd\", \"optimizer\": \"sam\", \"max_steps\": 50 }", "gd")]
    [InlineData("\"from\": \"sam\"", "\"from\": \"sam\" }, { \"name\": \"near\", \"start\": \"random\"", "near")]
    public void GivenTwoRunsOrSearchesOfOneName_WhenParsed_ThenTheSpecErrorNamesTheFieldAndTheName(string from, string to, string name)
    {
        var text = SpecText.Replace(from, to);
        Assert.NotEqual(SpecText, text);

        var e = Assert.Throws<SpecException>(() => SweepSpecJson.Parse(text));

        Assert.Equal("optimizers[].name / searches[].name", e.Field);
        Assert.Contains($"= {name}: ", e.Message);
    }

    [Fact]
    public void GivenTwoOptimizerRunsOfOneNameAndASearchFromThem_WhenSwept_ThenTheExitCodeIsTwoNamingTheField()
    {
        using var dir = new TempDirectory();
        var spec = dir.File("dup.jsonc");
        File.WriteAllText(spec, SpecText.Replace("\"name\": \"gd\"", "\"name\": \"sam\""));

        var run = CliRun.Of("sweep", "--spec", spec, "--out", dir.File("run"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("optimizers[].name / searches[].name = sam", run.Error);
        Assert.DoesNotContain("internal error", run.Error);
        Assert.False(Directory.Exists(dir.File("run")));
    }

    [Theory]
    [InlineData("\"max_iterations\": 80", "\"max_iterations\": 0", "solver.max_iterations", "0")]
    [InlineData("\"max_steps\": 100", "\"max_steps\": 100, \"learning_rate\": -1", "optimizers[0].learning_rate", "-1")]
    [InlineData("\"method\": \"monte-carlo\"", "\"method\": \"quadrature\"", "population.method", "quadrature")]
    [InlineData("\"start\": \"rho\"", "\"start\": \"somewhere\"", "searches[1].start", "somewhere")]
    [InlineData("\"features\": \"gaussian\"", "\"features\": 3", "panels[0].features", "3")]
    public void GivenABadValueInASettingsField_WhenParsed_ThenTheErrorNamesTheSpecField(string from, string to, string field, string value)
    {
        var e = Assert.Throws<SpecException>(() => SweepSpecJson.Parse(SpecText.Replace(from, to)));

        Assert.Equal(field, e.Field);
        Assert.Contains($"{field} = {value}: ", e.Message);
    }

    /// <summary>The smoke preset's spec.json as versions before typed specs wrote it, derived fields included.</summary>
    private const string EarlierSmokeSpecJson = """
        {"name": "smoke", "seed": 7, "seeds": 2, "rho": {"min": 0.05, "max": 1, "count": 10, "values": [0.1, 0.5, 0.9]}, "solver": {"weights": "exact", "point": "vertex", "max_iterations": 100, "gap_tolerance": 1e-10, "feasibility_tolerance": 1e-09, "condition_limit": 10000000, "weighting": 0}, "population": {"method": "exact", "samples": 2000, "is_monte_carlo": false}, "panels": [{"name": "relu", "figure": "smoke", "title": "Single-index, ReLU", "link": "single-index", "activation": "relu", "d": 8, "n": 30, "m": 60, "r": 1, "noise_std": 0.1, "features": "gaussian", "bias": false, "is_xor": false, "feature_distribution": 0, "is_gaussian_bias_free": true, "network_activation": {"k": 1, "c_plus": 1, "c_minus": 0, "name": "relu", "p": 1, "inside_assumption1": true}, "target_activation": {"k": 1, "c_plus": 1, "c_minus": 0, "name": "relu", "p": 1, "inside_assumption1": true}, "link_kind": 0}, {"name": "quadratic", "figure": "smoke", "title": "Sum of single-index (r = 2), quadratic", "link": "sum-single-index", "activation": "quadratic", "d": 8, "n": 30, "m": 60, "r": 2, "noise_std": 0.1, "features": "gaussian", "bias": false, "is_xor": false, "feature_distribution": 0, "is_gaussian_bias_free": true, "network_activation": {"k": 2, "c_plus": 1, "c_minus": 1, "name": "quadratic", "p": 1.3333333333333333, "inside_assumption1": true}, "target_activation": {"k": 2, "c_plus": 1, "c_minus": 1, "name": "quadratic", "p": 1.3333333333333333, "inside_assumption1": true}, "link_kind": 1}], "scaling": [], "optimizers": [], "searches": []}
        """;

    [Fact]
    public void GivenASpecJsonOfAnEarlierVersion_WhenRead_ThenItIsThePresetItWasWrittenFrom()
    {
        var spec = SweepSpecJson.Parse(EarlierSmokeSpecJson);

        Assert.Equal(SweepSpecJson.Write(SweepPresets.Get("smoke")), SweepSpecJson.Write(spec));
    }

    [Fact]
    public void GivenARunFolderOfAnEarlierVersion_WhenResumed_ThenItsSpecMatches()
    {
        using var dir = new TempDirectory();
        var output = dir.File("run");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, RunFolder.SpecFileName), EarlierSmokeSpecJson);

        var run = CliRun.Of("sweep", "--preset", "smoke", "--out", output, "--resume", "--shard", "0/4");

        Assert.True(run.ExitCode == 0, run.Error);
    }
}
