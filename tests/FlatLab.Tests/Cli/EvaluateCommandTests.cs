using System.Text.Json;
using FlatLab.Activations;
using FlatLab.Flatness;
using FlatLab.LinearAlgebra;
using FlatLab.Reporting.Io;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.Cli;

public sealed class EvaluateCommandTests
{
    private static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static JsonElement Evaluate(params string[] args)
    {
        var run = CliRun.Of(["evaluate", .. args, "--json", "-"]);
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        return JsonDocument.Parse(run.Output).RootElement.Clone();
    }

    /// <summary>
    /// A ReLU network whose answer is worked out by hand (docs/model.md §3–§5): x₁ = (1, 0), x₂ = (0, 2),
    /// w₁ = (2, −1), w₂ = (−1, 1), w₃ = (1, 1), a = (3, −1, 0), y = (6, −2). Only w₁ is live on x₁ (z = 2)
    /// and w₂ on x₂ (z = 2); w₃ is live on both (z = 1, 2) with a₃ = 0, so f = y.
    /// F = (2/n) Σ [σ² + a_j² σ'² ‖x_i‖²] = (4 + 9) + (4 + 4) + (1 + 4) = 26.
    /// On the orbit, neuron j contributes min_t [t² A_j + t⁻² B_j] = 2√(A_j B_j): 2√(4·9) = 12 and 2√(4·4) = 8,
    /// at t₁ = (9/4)^{1/4} and t₂ = 1; neuron 3 nothing: F_min = 20.
    /// The flattest interpolator: the vertex {1, 2} has Σ c_j |â_j| = 6 + 4 = 10, the others 12 and 58, so
    /// F = (2/n)·2·10 = 20 at a = (3, −1, 0): the given network is already the flattest.
    /// </summary>
    [Fact]
    public void Given_a_network_with_a_closed_form_answer_When_evaluated_Then_trace_orbit_minimum_and_ratio_are_the_hand_values()
    {
        using var dir = new TempDirectory();
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 }, { 0, 2 } });
        var w = Matrix<double>.Build.DenseOfArray(new double[,] { { 2, -1 }, { -1, 1 }, { 1, 1 } });
        double[] a = [3, -1, 0], y = [6, -2];
        NpyMatrixWriter.WriteFile(dir.File("X.npy"), x);
        NpyMatrixWriter.WriteFile(dir.File("W.npy"), w);
        NpyMatrixWriter.WriteVectorFile(dir.File("a.npy"), a);
        NpyMatrixWriter.WriteVectorFile(dir.File("y.npy"), y);

        var e = Evaluate("--features", dir.File("X.npy"), "--labels", dir.File("y.npy"), "--inner-weights", dir.File("W.npy"),
            "--outer-weights", dir.File("a.npy"), "--activation", "relu");

        Assert.Equal(0.0, e.GetProperty("training_loss").GetDouble());
        Assert.True(e.GetProperty("interpolates").GetBoolean());
        Assert.Equal(26.0, e.GetProperty("hessian_trace").GetDouble(), 1e-12);
        Assert.Equal(0.0, e.GetProperty("hessian_trace_residual").GetDouble());
        Assert.Equal(20.0, e.GetProperty("orbit_flatness_min").GetDouble(), 1e-12);
        var scales = Numbers(e.GetProperty("orbit_scales"));
        Assert.Equal(Math.Pow(9.0 / 4, 0.25), scales[0], 1e-12);
        Assert.Equal(1.0, scales[1], 1e-12);
        Assert.Equal("solved", e.GetProperty("flattest_status").GetString());
        Assert.Equal(20.0, e.GetProperty("flattest_flatness_min").GetDouble(), 1e-9);
        Assert.Equal(1.0, e.GetProperty("flatness_ratio").GetDouble(), 1e-9);
        Assert.Equal(1.3, e.GetProperty("trace_ratio").GetDouble(), 1e-9);
        var flattest = Numbers(e.GetProperty("flattest_outer_weights")); // for the rows as given
        Assert.Equal(3.0, flattest[0], 1e-9);
        Assert.Equal(-1.0, flattest[1], 1e-9);
        Assert.Equal(0.0, flattest[2], 1e-9);

        // The command reports what the library computes, to the bit.
        var relu = ActivationParser.Parse("relu");
        var kernels = DenseKernels.Default;
        Assert.Equal(HessianTrace.Compute(x, y, a, w, relu, kernels).Trace, e.GetProperty("hessian_trace").GetDouble());
        Assert.Equal(OrbitMinimum.Compute(x, a, w, relu, kernels).FlatnessMin, e.GetProperty("orbit_flatness_min").GetDouble());
    }

    [Fact]
    public void Given_the_flattest_interpolator_of_solve_When_evaluated_Then_it_agrees_with_solve()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRun.Of("generate", "--d", "6", "--n", "10", "--m", "24", "--seed", "5", "--activation", "quadratic",
            "--out", dir.Path).ExitCode);
        // solve's outer weights belong to the unit rows of W, so evaluate the network with those rows.
        var unit = FlatLab.Networks.NeuronFeatures.UnitRows(CsvMatrixReader.Read(dir.File("W.csv")));
        NpyMatrixWriter.WriteFile(dir.File("Wunit.npy"), unit);
        var common = new[] { "--features", dir.File("X.csv"), "--labels", dir.File("y.csv"), "--activation", "quadratic",
            "--directions", dir.File("U.csv"), "--noise-std", "0.1" };
        var solveRun = CliRun.Of(["solve", .. common, "--inner-weights", dir.File("W.csv"), "--out", dir.File("s"), "--out-format", "npy"]);
        Assert.True(solveRun.ExitCode == 0, solveRun.Error);
        var s = JsonDocument.Parse(File.ReadAllText(dir.File("s/solution.json"))).RootElement;

        var e = Evaluate([.. common, "--inner-weights", dir.File("Wunit.npy"), "--outer-weights", dir.File("s/outer_weights.npy")]);

        var fMin = s.GetProperty("flatness_min").GetDouble();
        Assert.True(e.GetProperty("interpolates").GetBoolean());
        Assert.Equal(fMin, e.GetProperty("orbit_flatness_min").GetDouble(), 1e-9 * fMin);
        Assert.Equal(fMin, e.GetProperty("flattest_flatness_min").GetDouble(), 1e-9 * fMin);
        Assert.Equal(1.0, e.GetProperty("flatness_ratio").GetDouble(), 1e-8);
        Assert.True(e.GetProperty("trace_ratio").GetDouble() >= 1 - 1e-8); // the orbit minimum bounds the trace from below
        var solved = Numbers(s.GetProperty("outer_weights"));
        var flattest = Numbers(e.GetProperty("flattest_outer_weights")); // p = 4/3: the optimum is unique
        for (var j = 0; j < solved.Length; j++) Assert.Equal(solved[j], flattest[j], 1e-7 * Math.Max(1, Math.Abs(solved[j])));
        var loss = s.GetProperty("population_loss").GetDouble();
        Assert.Equal("exact", e.GetProperty("population_loss_method").GetString());
        Assert.Equal(loss, e.GetProperty("population_loss").GetDouble(), 1e-10 * loss);
        Assert.Equal(loss, e.GetProperty("flattest_population_loss").GetDouble(), 1e-7 * loss);
    }

    [Fact]
    public void Given_a_network_that_does_not_interpolate_When_evaluated_Then_there_is_no_comparison_and_the_note_says_why()
    {
        using var dir = new TempDirectory();
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 0 }, { 0, 2 } });
        var w = Matrix<double>.Build.DenseOfArray(new double[,] { { 2, -1 }, { -1, 1 }, { 1, 1 } });
        NpyMatrixWriter.WriteFile(dir.File("X.npy"), x);
        NpyMatrixWriter.WriteFile(dir.File("W.npy"), w);
        NpyMatrixWriter.WriteVectorFile(dir.File("a.npy"), [3, -1, 0.5]); // f = (6.5, −1)
        NpyMatrixWriter.WriteVectorFile(dir.File("y.npy"), [6, -2]);

        var run = CliRun.Of("evaluate", "--features", dir.File("X.npy"), "--labels", dir.File("y.npy"), "--inner-weights", dir.File("W.npy"),
            "--outer-weights", dir.File("a.npy"), "--activation", "relu", "--out", dir.File("out"));

        Assert.True(run.ExitCode == 0, run.Error);
        var e = JsonDocument.Parse(File.ReadAllText(dir.File("out/evaluation.json"))).RootElement;
        Assert.False(e.GetProperty("interpolates").GetBoolean());
        Assert.Equal((0.25 + 1) / 2, e.GetProperty("training_loss").GetDouble(), 1e-15);
        Assert.Equal(JsonValueKind.Null, e.GetProperty("flattest_status").ValueKind);
        Assert.Equal(JsonValueKind.Null, e.GetProperty("flatness_ratio").ValueKind);
        Assert.Contains("does not interpolate", e.GetProperty("note").GetString());
        Assert.Contains("interpolates = no", run.Output);
    }

    [Fact]
    public void Given_outer_weights_of_the_wrong_length_When_evaluated_Then_bad_input_names_the_option()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRun.Of("generate", "--d", "4", "--n", "6", "--m", "12", "--out", dir.Path).ExitCode);
        File.WriteAllText(dir.File("a.csv"), "1\n2\n3\n");

        var run = CliRun.Of("evaluate", "--features", dir.File("X.csv"), "--labels", dir.File("y.csv"), "--inner-weights", dir.File("W.csv"),
            "--outer-weights", dir.File("a.csv"), "--activation", "relu", "--json", "-");

        Assert.Equal(2, run.ExitCode);
        using var error = JsonDocument.Parse(Assert.Single(run.ErrorLines));
        Assert.StartsWith("--outer-weights: ", error.RootElement.GetProperty("message").GetString());
        Assert.Contains("m = 12", error.RootElement.GetProperty("message").GetString());

        var seed = CliRun.Of("evaluate", "--features", dir.File("X.csv"), "--labels", dir.File("y.csv"), "--inner-weights", dir.File("W.csv"),
            "--outer-weights", dir.File("a.csv"), "--activation", "relu", "--seed", "-1", "--out", dir.File("o"));
        Assert.Equal(2, seed.ExitCode);
        Assert.Contains("--seed: '-1' is not a whole number >= 0", seed.Error);
    }
}
