using System.Globalization;
using System.Text.Json;
using FlatLab.Reporting.Io;
using FlatLab.Tests.Reporting;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.Cli;

public sealed class SolveCommandTests
{
    private static readonly string[] RequiredFields =
    [
        "status", "message", "p", "k", "n", "m", "d", "activation", "inside_assumption1", "weights", "objective",
        "flatness_min", "lower_bound", "dual_objective", "duality_gap", "primal_residual", "dual_infeasibility",
        "condition_estimate", "phi_rank", "outside_range_norm", "unit_lp_norm", "support", "optimal_point", "method", "iterations", "solve_seconds",
        "blas", "version", "population_loss", "population_loss_method", "population_loss_se",
        "excess_loss", "signal_power", "noise_variance", "population_loss_alternative",
    ];

    private static string[] Generate(TempDirectory dir, params string[] extra) =>
        CliRun.Of(["generate", "--d", "6", "--n", "10", "--m", "24", "--seed", "3", "--out", dir.Path, .. extra]) is { ExitCode: 0 }
            ? ["--features", dir.File("X.csv"), "--labels", dir.File("y.csv"), "--inner-weights", dir.File("W.csv")]
            : throw new InvalidOperationException("generate failed");

    [Fact]
    public void Given_a_relu_instance_with_a_data_model_When_solving_Then_both_files_hold_a_verified_interpolator()
    {
        using var dir = new TempDirectory();
        var inputs = Generate(dir);
        var outDir = dir.File("solve");

        var run = CliRun.Of(["solve", .. inputs, "--activation", "relu", "--directions", dir.File("U.csv"),
            "--noise-std", "0.1", "--out", outDir]);

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "solution.json")));
        var root = json.RootElement;
        foreach (var field in RequiredFields) Assert.True(root.TryGetProperty(field, out _), $"missing {field}");
        Assert.Equal("solved", root.GetProperty("status").GetString());
        Assert.Equal(1.0, root.GetProperty("p").GetDouble());
        Assert.Equal((10, 24, 6), (root.GetProperty("n").GetInt32(), root.GetProperty("m").GetInt32(), root.GetProperty("d").GetInt32()));
        Assert.Equal("vertex", root.GetProperty("optimal_point").GetString());
        Assert.Equal(0.01, root.GetProperty("noise_variance").GetDouble(), 1e-15);
        Assert.True(root.GetProperty("population_loss").GetDouble() >= 0.01 - 4 * root.GetProperty("population_loss_se").GetDouble());

        // Recompute from the files alone: Φ a = y and Σ c_j |a_j| (docs/model.md §4–§5), independently of the library.
        var x = CsvMatrixReader.Read(dir.File("X.csv"));
        var y = CsvMatrixReader.ReadVector(dir.File("y.csv"));
        var w = CsvMatrixReader.Read(dir.File("W.csv"));
        var lines = File.ReadAllLines(Path.Combine(outDir, "outer_weights.csv"));
        Assert.Equal(24, lines.Length);
        var a = lines.Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray();
        double objective = 0, maxResidual = 0;
        var f = new double[10];
        for (var j = 0; j < 24; j++)
        {
            var wj = w.Row(j) / w.Row(j).L2Norm();
            double s = 0, t = 0;
            for (var i = 0; i < 10; i++)
            {
                var z = x.Row(i) * wj;
                f[i] += a[j] * Math.Max(z, 0);
                s += Math.Max(z, 0) * Math.Max(z, 0);
                t += (z > 0 ? 1 : 0) * (x.Row(i) * x.Row(i));
            }
            objective += Math.Sqrt(s * t) * Math.Abs(a[j]); // c_j = S_j^{1/2} T_j^{1/2} for k = 1
        }
        for (var i = 0; i < 10; i++) maxResidual = Math.Max(maxResidual, Math.Abs(f[i] - y[i]));
        Assert.True(maxResidual < 1e-7, $"residual {maxResidual}");
        // The written weights carry full precision, so the objective agrees to rounding (1e-9 relative).
        Assert.Equal(objective, root.GetProperty("objective").GetDouble(), objective * 1e-9);
        Assert.Equal(4.0 / 10 * objective, root.GetProperty("flatness_min").GetDouble(), objective * 1e-9);
        Assert.True(root.GetProperty("lower_bound").GetDouble() <= objective * (1 + 1e-9));

        // Separation and κ(Φ), against a direct computation: the Gram matrix of the unit rows and the SVD of Φ.
        var unit = Matrix<double>.Build.DenseOfRowVectors(Enumerable.Range(0, 24).Select(j => w.Row(j) / w.Row(j).L2Norm()));
        var gram = unit * unit.Transpose();
        var separation = Enumerable.Range(0, 24).SelectMany(j => Enumerable.Range(0, 24).Where(l => l != j).Select(l => Math.Abs(gram[j, l]))).Max();
        Assert.Equal(separation, root.GetProperty("separation").GetDouble(), 1e-12);
        var phi = (x * unit.Transpose()).Map(z => Math.Max(z, 0));
        var singular = phi.Svd(computeVectors: false).S;
        Assert.Equal(singular.Maximum() / singular.Minimum(), root.GetProperty("phi_condition").GetDouble(), 1e-6 * singular.Maximum() / singular.Minimum());
    }

    [Fact]
    public void Given_a_quadratic_network_without_a_data_model_When_solving_Then_p_is_four_thirds_and_model_fields_are_null()
    {
        using var dir = new TempDirectory();
        var inputs = Generate(dir, "--activation", "quadratic");
        var outDir = dir.File("solve");

        var run = CliRun.Of(["solve", .. inputs, "--activation", "quadratic", "--weights", "unit", "--out", outDir]);

        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "solution.json")));
        var root = json.RootElement;
        Assert.Equal(4.0 / 3, root.GetProperty("p").GetDouble(), 1e-15);
        Assert.Equal("unit", root.GetProperty("weights").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("optimal_point").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("population_loss").ValueKind);
        // Unit weights: the flatness of the unit solution is the minimum over its rescaling orbit, at least the lower bound.
        Assert.True(root.GetProperty("flatness_min").GetDouble() >= root.GetProperty("lower_bound").GetDouble() * (1 - 1e-9));
        var a = File.ReadAllLines(Path.Combine(outDir, "outer_weights.csv")).Select(l => double.Parse(l, CultureInfo.InvariantCulture));
        // With unit weights the objective is Σ|a_j|^p itself.
        Assert.Equal(a.Sum(v => Math.Pow(Math.Abs(v), 4.0 / 3)), root.GetProperty("objective").GetDouble(), 1e-8);
    }

    [Fact]
    public void Given_a_linear_network_with_more_samples_than_dimensions_When_solving_Then_exit_code_1_and_only_the_status_is_written()
    {
        // rank Φ <= d = 3 < n = 10: noisy labels cannot be interpolated (docs/model.md §5).
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRun.Of("generate", "--d", "3", "--n", "10", "--m", "20", "--activation", "linear", "--out", dir.Path).ExitCode);
        var outDir = dir.File("solve");

        var run = CliRun.Of("solve", "--features", dir.File("X.csv"), "--labels", dir.File("y.csv"), "--inner-weights", dir.File("W.csv"),
            "--activation", "linear", "--out", outDir);

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "solution.json")));
        Assert.NotEqual("solved", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("objective").ValueKind);
        Assert.False(File.Exists(Path.Combine(outDir, "outer_weights.csv")));
    }

    [Fact]
    public void Given_parquet_features_When_solving_Then_the_result_matches_the_csv_solve()
    {
        using var dir = new TempDirectory();
        var inputs = Generate(dir);
        var x = CsvMatrixReader.Read(dir.File("X.csv"));
        ParquetTestFiles.Write(dir.File("X.parquet"), x, rowGroupSize: 4);

        var csv = CliRun.Of(["solve", .. inputs, "--activation", "relu", "--out", dir.File("csv")]);
        inputs[1] = dir.File("X.parquet");
        var parquet = CliRun.Of(["solve", .. inputs, "--activation", "relu", "--out", dir.File("parquet")]);

        Assert.Equal(0, csv.ExitCode);
        Assert.Equal(0, parquet.ExitCode);
        Assert.Equal(File.ReadAllText(dir.File("csv/outer_weights.csv")), File.ReadAllText(dir.File("parquet/outer_weights.csv")));
    }
}
