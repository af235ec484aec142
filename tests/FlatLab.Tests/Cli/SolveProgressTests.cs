using FlatLab.Cli.Solve;
using FlatLab.Solvers;

namespace FlatLab.Tests.Cli;

/// <summary><c>solve --progress</c> reports its stages and iterations on stderr; without it a piped solve is quiet.</summary>
public sealed class SolveProgressTests
{
    private static string[] Args(TempDirectory dir, string activation, params string[] extra)
    {
        var instance = dir.File("instance");
        Assert.Equal(0, CliRun.Of("generate", "--d", "10", "--n", "40", "--m", "90", "--activation", activation, "--out", instance).ExitCode);
        return
        [
            "solve", "--features", Path.Combine(instance, "X.csv"), "--labels", Path.Combine(instance, "y.csv"),
            "--inner-weights", Path.Combine(instance, "W.csv"), "--activation", activation, "--out", dir.File("out"), .. extra,
        ];
    }

    [Theory]
    [InlineData("relu", "interior-point")]
    [InlineData("quadratic", "dual-newton")]
    public void Given_progress_When_solving_Then_every_iteration_is_a_line_on_stderr_with_gap_residual_and_time(string activation, string stage)
    {
        using var dir = new TempDirectory();
        var run = CliRun.Of(Args(dir, activation, "--progress"));

        Assert.Equal(0, run.ExitCode);
        var lines = run.ErrorLines;
        Assert.Contains(lines, l => l.StartsWith("solve: features (n = 40, m = 90, d = 10)", StringComparison.Ordinal));
        var iterations = lines.Where(l => l.StartsWith($"solve: {stage} iteration ", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(iterations);
        Assert.All(iterations, l => Assert.Matches(@"iteration \d+: relative gap \d\.\de[+-]\d\d, residual \d\.\de[+-]\d\d \(\d+\.\d s\)$", l));
        // One line per iteration, numbered from 1, as many as the solution reports.
        var json = File.ReadAllText(dir.File("out/solution.json"));
        var reported = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("iterations").GetInt32();
        Assert.Equal(Enumerable.Range(1, reported).Select(i => $"iteration {i}:"), iterations.Select(l => l[l.IndexOf("iteration", StringComparison.Ordinal)..(l.IndexOf(':', 6) + 1)]));
        Assert.DoesNotContain("solve:", run.Output);
    }

    [Fact]
    public void Given_stderr_not_a_terminal_When_solving_without_progress_Then_stderr_is_empty()
    {
        using var dir = new TempDirectory();
        var run = CliRun.Of(Args(dir, "relu"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void Given_progress_and_no_progress_When_solving_Then_bad_input_names_both()
    {
        using var dir = new TempDirectory();
        var run = CliRun.Of(Args(dir, "relu", "--progress", "--no-progress"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--progress and --no-progress", run.Error);
    }

    [Fact]
    public void Given_a_stage_without_iterations_When_formatted_Then_only_the_stage_and_time_show()
    {
        Assert.Equal("solve: gram (3.2 s)", SolveProgressView.Line(new SolverProgress("gram"), 3.21));
        Assert.Equal("solve: dual-newton iteration 2: relative gap 1.5e-07, residual 2.0e-10 (0.0 s)",
            SolveProgressView.Line(new SolverProgress("dual-newton", 2, 1.5e-7, 2e-10), 0.01));
    }
}
