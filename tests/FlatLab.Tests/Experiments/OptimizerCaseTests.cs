using FlatLab.LinearAlgebra;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Runs;
using FlatLab.Experiments.Specs;
using FlatLab.Reporting.Runs;
using FlatLab.Reporting.Tables;
using FlatLab.Tests.Cli;

namespace FlatLab.Tests.Experiments;

public sealed class OptimizerCaseTests
{
    /// <summary>One ρ case, two optimizer runs and two searches per seed, on a tiny single-index panel.</summary>
    private const string SpecText = """
        { "name": "optimizer-cases", "seed": 11, "seeds": 2,
          "rho": { "values": [0.3] },
          "panels": [ { "name": "relu", "link": "single-index", "activation": "relu", "d": 6, "n": 30, "m": 60 } ],
          "optimizers": [
            { "name": "gd", "optimizer": "gd", "learning_rate": 0.05, "loss_tolerance": 1e-3, "max_steps": 6000, "records": 3 },
            { "name": "sgd", "optimizer": "sgd", "learning_rate": 0.02, "batch_size": 10, "loss_tolerance": 1e-3, "max_steps": 6000, "records": 3 } ],
          "searches": [
            { "name": "random", "start": "random", "max_iterations": 4 },
            { "name": "from-gd", "start": "trained", "from": "gd", "max_iterations": 4 } ] }
        """;

    private static SweepSpec Spec => SweepSpecJson.Parse(SpecText);

    [Fact]
    public void GivenOptimizerRunsAndSearches_WhenExpanded_ThenEachPanelAndSeedGetsOneCaseOfEach()
    {
        var keys = SweepCase.Expand(Spec).Select(c => c.Key).ToArray();

        Assert.Equal(
            ["relu/s00/rho00", "relu/s00/train-gd", "relu/s00/train-sgd", "relu/s00/search-random", "relu/s00/search-from-gd",
             "relu/s01/rho00", "relu/s01/train-gd", "relu/s01/train-sgd", "relu/s01/search-random", "relu/s01/search-from-gd"],
            keys);
    }

    [Fact]
    public void GivenARun_WhenFinished_ThenTrajectoriesRunFromTheStartToTheEndAndSearchesNeverGetSharper()
    {
        using var folder = new TempDirectory();

        var rows = SweepRuns.Run(Spec, folder.Path).Rows;

        foreach (var train in rows.Where(r => r.Kind == CaseKind.Train))
        {
            Assert.Equal(CaseStatus.Solved, train.Status);
            var path = Assert.IsType<TrajectoryPoint[]>(train.Trajectory);
            Assert.Equal(0, path[0].Step);
            Assert.Equal(train.TrainSteps, path[^1].Step);
            Assert.Equal(train.FlatnessMin, path[^1].FlatnessMin);
            Assert.True(train.TrainLoss < 1e-3 && path[0].TrainLoss > path[^1].TrainLoss);
            Assert.True(train.FlatnessMin >= train.FlattestFlatnessMin * (1 - 1e-9), "an interpolator is never flatter than the flattest one for its W");
        }
        foreach (var search in rows.Where(r => r.Kind == CaseKind.Search))
        {
            Assert.Equal(CaseStatus.Solved, search.Status);
            var path = Assert.IsType<TrajectoryPoint[]>(search.Trajectory);
            Assert.True(path.Length >= 2, search.Message);
            for (var s = 1; s < path.Length; s++) Assert.True(path[s].FlatnessMin < path[s - 1].FlatnessMin);
            Assert.Equal(search.FlatnessMin, path[^1].FlatnessMin);
        }
        // The search from the GD network starts exactly where that run ended.
        foreach (var seed in new[] { "s00", "s01" })
        {
            var gd = rows.Single(r => r.CaseKey == $"relu/{seed}/train-gd");
            var search = rows.Single(r => r.CaseKey == $"relu/{seed}/search-from-gd");
            Assert.Equal(gd.FlattestFlatnessMin, search.Trajectory![0].FlatnessMin, 1e-9 * gd.FlattestFlatnessMin);
        }
    }

    [Fact]
    public void GivenARunStoppedMidway_WhenResumedOnAnotherThreadCount_ThenRowsAndTrajectoriesEqualAnUninterruptedRun()
    {
        var spec = Spec;
        using var reference = new TempDirectory();
        using var run = new TempDirectory();
        var expected = SweepRuns.Run(spec, reference.Path, threads: 1);
        using var cancel = new CancellationTokenSource();
        var progress = new ActionProgress(p => { if (p.Done >= 3) cancel.Cancel(); });

        Assert.ThrowsAny<OperationCanceledException>(() =>
            SweepRuns.Run(spec, run.Path, threads: 2, progress: progress, cancel: cancel.Token));
        var saved = SweepRuns.StoreRows(run.Path).Count;
        var resumed = SweepRuns.Run(spec, run.Path, threads: 2, resume: true);

        Assert.InRange(saved, 3, 9);
        Assert.Equal(saved, resumed.Resumed);
        Assert.Equal(SweepRuns.Comparable(expected.Rows), SweepRuns.Comparable(resumed.Rows));
        // The trajectories table of both runs is the same file.
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        Assert.True(TrajectoryTable.HasPoints(expected.Rows));
        TrajectoryTable.WriteCsv(a.File(RunFolder.TrajectoriesCsvFileName), expected.Rows);
        TrajectoryTable.WriteCsv(b.File(RunFolder.TrajectoriesCsvFileName), resumed.Rows);
        var lines = File.ReadAllLines(a.File(RunFolder.TrajectoriesCsvFileName));
        Assert.Equal(lines, File.ReadAllLines(b.File(RunFolder.TrajectoriesCsvFileName)));
        Assert.Equal(1 + expected.Rows.Sum(r => r.Trajectory?.Length ?? 0), lines.Length);
    }

    [Fact]
    public void GivenAReport_WhenWritten_ThenTheTrajectoryTablesAndTheOverlaidFiguresExist()
    {
        using var folder = new TempDirectory();
        var started = DateTimeOffset.UtcNow;
        var settings = new SweepRunSettings { Kernels = DenseKernels.Default };
        var result = SweepRunner.Run(Spec, folder.Path, settings);

        RunReport.Write(folder.Path, Spec, result.Rows, RunManifestFactory.Capture(Spec, settings, result, started));

        foreach (var file in new[] { RunFolder.TrajectoriesCsvFileName, RunFolder.TrajectoriesParquetFileName, Path.Combine("figures", "panel-relu.png") })
            Assert.True(new FileInfo(Path.Combine(folder.Path, file)).Length > 0, file);
        var rows = ResultsTable.Read(Path.Combine(folder.Path, RunFolder.ResultsCsvFileName));
        Assert.Equal([CaseKind.Rho, CaseKind.Train, CaseKind.Train, CaseKind.Search, CaseKind.Search], rows.Take(5).Select(r => r.Kind));
    }

    [Theory]
    [InlineData("\"from\": \"gd\"", "\"from\": \"adam\"", "searches[1].from")]
    [InlineData("\"optimizer\": \"sgd\"", "\"optimizer\": \"lbfgs\"", "optimizers[1].optimizer")]
    [InlineData("\"name\": \"random\"", "\"name\": \"gd\"", "optimizers[].name / searches[].name")]
    [InlineData("\"optimizer\": \"gd\",", "\"optimizer\": \"gd\", \"parameterization\": \"ntk\",", "optimizers[0].parameterization")]
    [InlineData("\"optimizer\": \"gd\",", "\"optimizer\": \"gd\", \"sam_schedule\": \"cosine\",", "optimizers[0].sam_schedule")]
    [InlineData("\"optimizer\": \"gd\",", "\"optimizer\": \"gd\", \"sam_steps\": 0,", "optimizers[0].sam_steps")]
    [InlineData("\"m\": 60", "\"m\": 60, \"learning_rate\": -1", "panels[0].learning_rate")]
    [InlineData("\"m\": 60", "\"m\": 60, \"batch_size\": 0", "panels[0].batch_size")]
    public void GivenABadRunSpec_WhenParsed_ThenTheErrorNamesTheField(string from, string to, string field)
    {
        var e = Assert.Throws<SpecException>(() => SweepSpecJson.Parse(SpecText.Replace(from, to)));

        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void GivenPanelStepAndBatchSizes_WhenARunOnThePanelIsBuilt_ThenThePanelsValuesReplaceTheRuns()
    {
        var spec = SweepSpecJson.Parse(SpecText
            .Replace("\"m\": 60", "\"m\": 60, \"learning_rate\": 0.125, \"batch_size\": 7")
            .Replace("\"optimizer\": \"gd\",", "\"optimizer\": \"gd\", \"parameterization\": \"mean-field\", \"sam_schedule\": \"switch\", \"sam_steps\": 9,"));
        var plain = Spec;

        var sgd = spec.Optimizers[1].ToTrainingSpec(spec.Panels[0]);
        var gd = spec.Optimizers[0].ToTrainingSpec(spec.Panels[0]);

        Assert.Equal(0.125, sgd.LearningRate);
        Assert.Equal(7, sgd.BatchSize);
        Assert.Equal(FlatLab.Training.Parameterization.MeanField, gd.Parameterization);
        Assert.Equal(FlatLab.Training.SamSchedule.Switch, gd.SamSchedule);
        Assert.Equal(9, gd.SamSteps);
        // Without the panel fields each run keeps its own.
        Assert.Equal(0.02, plain.Optimizers[1].ToTrainingSpec(plain.Panels[0]).LearningRate);
        Assert.Equal(10, plain.Optimizers[1].ToTrainingSpec(plain.Panels[0]).BatchSize);
        Assert.Equal(FlatLab.Training.Parameterization.Standard, plain.Optimizers[0].ToTrainingSpec(plain.Panels[0]).Parameterization);
        // The spec round-trips through its JSON with the new fields.
        Assert.Equal(SweepSpecJson.Write(spec), SweepSpecJson.Write(SweepSpecJson.Parse(SweepSpecJson.Write(spec))));
    }

    private sealed class ActionProgress(Action<SweepProgress> action) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value) => action(value);
    }
}
