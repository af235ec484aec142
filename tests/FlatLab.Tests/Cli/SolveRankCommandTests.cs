using System.Globalization;
using System.Text.Json;
using FlatLab.Reporting.Io;
using FlatLab.Tests.Reporting;

namespace FlatLab.Tests.Cli;

/// <summary>
/// `flatlab solve` on rank-deficient instances (docs/solver.md, "Rank and conditioning"): a consistent
/// one is solved (exit 0) with its rank in solution.json and the residual at rounding on every sample;
/// one whose labels leave the range of Φ is infeasible (exit 1) with the rank and the distance.
/// </summary>
public sealed class SolveRankCommandTests
{
    [Fact]
    public void GivenDuplicatedSamplesWithEqualLabels_WhenSolving_ThenItIsSolvedWithRankNMinusOne()
    {
        // Given: generated data with sample 1 made a copy of sample 0 (features and label).
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRun.Of(["generate", "--d", "6", "--n", "12", "--m", "36", "--seed", "5", "--out", dir.Path]).ExitCode);
        var x = File.ReadAllLines(dir.File("X.csv"));
        var y = File.ReadAllLines(dir.File("y.csv"));
        (x[1], y[1]) = (x[0], y[0]);
        File.WriteAllLines(dir.File("X.csv"), x);
        File.WriteAllLines(dir.File("y.csv"), y);

        // When
        var run = CliRun.Of(["solve", "--features", dir.File("X.csv"), "--labels", dir.File("y.csv"),
            "--inner-weights", dir.File("W.csv"), "--activation", "relu", "--out", dir.File("solve")]);

        // Then: the rank, and Φa = y on all 12 rows recomputed from the files.
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(dir.File("solve/solution.json")));
        var root = json.RootElement;
        Assert.Equal("solved", root.GetProperty("status").GetString());
        Assert.Equal(11, root.GetProperty("phi_rank").GetInt32());
        Assert.True(root.GetProperty("outside_range_norm").GetDouble() < 1e-12);
        var features = CsvMatrixReader.Read(dir.File("X.csv"));
        var labels = CsvMatrixReader.ReadVector(dir.File("y.csv"));
        var w = CsvMatrixReader.Read(dir.File("W.csv"));
        var a = File.ReadAllLines(dir.File("solve/outer_weights.csv")).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        for (var i = 0; i < 12; i++)
        {
            var f = 0.0;
            for (var j = 0; j < 36; j++) f += a[j] * Math.Max(features.Row(i) * (w.Row(j) / w.Row(j).L2Norm()), 0);
            Assert.True(Math.Abs(f - labels[i]) < 1e-10, $"row {i}: f = {f}, y = {labels[i]}");
        }
    }

    [Fact]
    public void GivenALinearNetworkWithMoreSamplesThanDimensionsAndNoisyLabels_WhenSolving_ThenItIsInfeasibleWithRankD()
    {
        // Given: Φ = X Ŵᵀ has rank d = 4 < n = 15, and label noise puts y outside its range.
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRun.Of(["generate", "--d", "4", "--n", "15", "--m", "30", "--seed", "6", "--noise-std", "0.3",
            "--out", dir.Path]).ExitCode);

        var run = CliRun.Of(["solve", "--features", dir.File("X.csv"), "--labels", dir.File("y.csv"),
            "--inner-weights", dir.File("W.csv"), "--activation", "linear", "--out", dir.File("solve")]);

        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}: {run.Error}{run.Output}");
        using var json = JsonDocument.Parse(File.ReadAllText(dir.File("solve/solution.json")));
        var root = json.RootElement;
        Assert.Equal("infeasible", root.GetProperty("status").GetString());
        Assert.Equal(4, root.GetProperty("phi_rank").GetInt32());
        Assert.True(root.GetProperty("outside_range_norm").GetDouble() > 1e-3);
        Assert.Contains("rank(Φ) = 4 < n = 15", root.GetProperty("message").GetString());
    }
}
