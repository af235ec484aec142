using System.Text.Json;
using FlatLab.Reporting.Io;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.Cli;

/// <summary><c>--json</c>, NumPy inputs and outputs, and errors as JSON (docs/machine-interface.md).</summary>
public sealed class MachineInterfaceTests
{
    private static (string X, string Y, string W) Instance(TempDirectory dir, string activation = "relu")
    {
        Assert.Equal(0, CliRun.Of("generate", "--d", "5", "--n", "9", "--m", "21", "--seed", "4", "--activation", activation,
            "--out", dir.Path).ExitCode);
        return (dir.File("X.csv"), dir.File("y.csv"), dir.File("W.csv"));
    }

    private static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    [Theory]
    [InlineData("relu")]
    [InlineData("quadratic")]
    public void Given_json_to_stdout_When_solving_Then_stdout_is_one_object_with_a_verified_interpolator_and_dual(string activation)
    {
        using var dir = new TempDirectory();
        var (xPath, yPath, wPath) = Instance(dir, activation);

        var run = CliRun.Of("solve", "--features", xPath, "--labels", yPath, "--inner-weights", wPath, "--activation", activation,
            "--json", "-");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("", run.Error);
        using var json = JsonDocument.Parse(run.Output); // the whole of stdout: no summary around it
        var root = json.RootElement;
        Assert.Equal("solved", root.GetProperty("status").GetString());
        var a = Numbers(root.GetProperty("outer_weights"));
        var lambda = Numbers(root.GetProperty("dual"));
        Assert.Equal((21, 9), (a.Length, lambda.Length));
        Assert.Equal(new[] { "X.csv", "y.csv", "W.csv", "U.csv", "instance.json" }.Order(), Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());

        // Independently of the library: Φ a = y, the objective Σ c_j |a_j|^p, and for p = 1 the LP dual
        // max yᵀλ s.t. |(Φᵀλ)_j| ≤ c_j, whose value is the reported dual objective (docs/model.md §5).
        var x = CsvMatrixReader.Read(xPath);
        var y = CsvMatrixReader.ReadVector(yPath);
        var w = CsvMatrixReader.Read(wPath);
        var k = activation == "relu" ? 1 : 2;
        Func<double, double> sigma = k == 1 ? z => Math.Max(z, 0) : z => z * z;
        Func<double, double> slope = k == 1 ? z => z > 0 ? 1 : 0 : z => 2 * z;
        var phi = Matrix<double>.Build.Dense(9, 21, (i, j) => sigma(x.Row(i) * (w.Row(j) / w.Row(j).L2Norm())));
        var residual = (phi * Vector<double>.Build.DenseOfArray(a) - Vector<double>.Build.DenseOfArray(y)).InfinityNorm();
        Assert.True(residual < 1e-7, $"residual {residual}");
        var p = 2.0 * k / (k + 1);
        var c = Enumerable.Range(0, 21).Select(j =>
        {
            double s = 0, t = 0;
            for (var i = 0; i < 9; i++)
            {
                var z = x.Row(i) * (w.Row(j) / w.Row(j).L2Norm());
                s += Math.Pow(sigma(z), 2);
                t += Math.Pow(slope(z), 2) * (x.Row(i) * x.Row(i));
            }
            return Math.Pow(s, 1.0 / (k + 1)) * Math.Pow(t, (double)k / (k + 1));
        }).ToArray();
        var objective = Enumerable.Range(0, 21).Sum(j => c[j] * Math.Pow(Math.Abs(a[j]), p));
        Assert.Equal(objective, root.GetProperty("objective").GetDouble(), 1e-9 * objective);
        if (k == 1)
        {
            var dualValue = Enumerable.Range(0, 9).Sum(i => y[i] * lambda[i]);
            Assert.Equal(root.GetProperty("dual_objective").GetDouble(), dualValue, 1e-9 * Math.Abs(dualValue));
            Assert.Equal(objective, dualValue, 1e-8 * objective); // zero gap: λ certifies a
            var phiTLambda = phi.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(lambda));
            for (var j = 0; j < 21; j++) Assert.True(Math.Abs(phiTLambda[j]) <= c[j] * (1 + 1e-8), $"dual infeasible at {j}");
        }
        else
        {
            // p > 1: stationarity of Σ c_j |a_j|^p − λᵀ(Φa − y): p c_j |a_j|^{p−1} sign(a_j) = (Φᵀλ)_j.
            var phiTLambda = phi.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(lambda));
            for (var j = 0; j < 21; j++)
                Assert.Equal(phiTLambda[j], p * c[j] * Math.Pow(Math.Abs(a[j]), p - 1) * Math.Sign(a[j]), 1e-6 * Math.Max(1, Math.Abs(phiTLambda[j])));
        }
    }

    [Fact]
    public void Given_npy_inputs_and_npy_outputs_When_solving_Then_the_result_is_the_csv_solve_and_the_vectors_are_the_jsons()
    {
        using var dir = new TempDirectory();
        var (xPath, yPath, wPath) = Instance(dir);
        NpyMatrixWriter.WriteFile(dir.File("X.npy"), CsvMatrixReader.Read(xPath));
        NpyMatrixWriter.WriteVectorFile(dir.File("y.npy"), CsvMatrixReader.ReadVector(yPath));
        NpyMatrixWriter.WriteFile(dir.File("W.npy"), CsvMatrixReader.Read(wPath));
        var outDir = dir.File("out");

        var csv = CliRun.Of("solve", "--features", xPath, "--labels", yPath, "--inner-weights", wPath, "--activation", "relu", "--out", outDir);
        Assert.Equal(0, csv.ExitCode);
        Assert.True(File.Exists(Path.Combine(outDir, "dual.csv")));
        var csvA = MatrixFile.ReadVector(Path.Combine(outDir, "outer_weights.csv"));
        var npy = CliRun.Of("solve", "--features", dir.File("X.npy"), "--labels", dir.File("y.npy"), "--inner-weights", dir.File("W.npy"),
            "--activation", "relu", "--out", outDir, "--out-format", "npy");

        Assert.True(npy.ExitCode == 0, npy.Error);
        Assert.False(File.Exists(Path.Combine(outDir, "outer_weights.csv"))); // the earlier run's files do not linger
        Assert.False(File.Exists(Path.Combine(outDir, "dual.csv")));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "solution.json")));
        var a = MatrixFile.ReadVector(Path.Combine(outDir, "outer_weights.npy"));
        var lambda = MatrixFile.ReadVector(Path.Combine(outDir, "dual.npy"));
        Assert.Equal(Numbers(json.RootElement.GetProperty("outer_weights")), a); // the JSON's numbers round-trip exactly
        Assert.Equal(Numbers(json.RootElement.GetProperty("dual")), lambda);
        Assert.Equal(csvA, a); // the same bits read from .npy as from CSV
    }

    [Fact]
    public void Given_json_to_stdout_When_the_input_is_bad_Then_stderr_is_one_json_error_naming_the_option()
    {
        using var dir = new TempDirectory();
        var (_, yPath, wPath) = Instance(dir);

        var run = CliRun.Of("solve", "--features", dir.File("missing.npy"), "--labels", yPath, "--inner-weights", wPath,
            "--activation", "relu", "--json", "-");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        var line = Assert.Single(run.ErrorLines);
        using var json = JsonDocument.Parse(line);
        Assert.Equal("bad_input", json.RootElement.GetProperty("error").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("exit_code").GetInt32());
        Assert.StartsWith("--features: ", json.RootElement.GetProperty("message").GetString());
        Assert.Contains("missing.npy", json.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public void Given_a_network_that_cannot_interpolate_When_solving_to_stdout_Then_exit_1_with_the_status_and_null_vectors()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRun.Of("generate", "--d", "3", "--n", "10", "--m", "20", "--activation", "linear", "--out", dir.Path).ExitCode);

        var run = CliRun.Of("solve", "--features", dir.File("X.csv"), "--labels", dir.File("y.csv"), "--inner-weights", dir.File("W.csv"),
            "--activation", "linear", "--json", "-");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Error);
        using var json = JsonDocument.Parse(run.Output);
        Assert.NotEqual("solved", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("outer_weights").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("dual").ValueKind);
    }

    [Theory]
    [InlineData(new[] { "--out-format", "npy", "--json", "-" }, "--out-format applies to the files in --out")]
    [InlineData(new[] { "--out-format", "parquet", "--out", "o" }, "--out-format: unknown value 'parquet'")]
    [InlineData(new string[0], "--out is required (or --json FILE|-")]
    public void Given_inconsistent_output_options_When_solving_Then_bad_input_names_them(string[] extra, string expected)
    {
        using var dir = new TempDirectory();
        var (xPath, yPath, wPath) = Instance(dir);
        var run = CliRun.Of(["solve", "--features", xPath, "--labels", yPath, "--inner-weights", wPath, "--activation", "relu", .. extra]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error);
    }
}
