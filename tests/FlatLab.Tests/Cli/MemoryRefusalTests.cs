using FlatLab.Solvers;

namespace FlatLab.Tests.Cli;

/// <summary>A solve or sweep too large for its memory limit is refused before any work, with estimate and limit.</summary>
public sealed class MemoryRefusalTests
{
    [Fact]
    public void Given_a_solve_above_max_memory_When_solving_Then_exit_2_with_estimate_and_limit_and_no_output()
    {
        using var dir = new TempDirectory();
        var instance = dir.File("instance");
        Assert.Equal(0, CliRun.Of("generate", "--d", "5", "--n", "200", "--m", "400", "--out", instance).ExitCode);
        // 200 × 400 features: the estimate is above 128 MiB of fixed cost plus 80 000 entries.
        var peak = SolveMemory.PeakBytes(200, 400, 5);
        Assert.True(peak > 100L << 20);

        var run = CliRun.Of("solve", "--features", Path.Combine(instance, "X.csv"), "--labels", Path.Combine(instance, "y.csv"),
            "--inner-weights", Path.Combine(instance, "W.csv"), "--activation", "relu", "--max-memory", "100M", "--out", dir.File("out"));

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("n = 200, m = 400, d = 5", line);
        Assert.Contains(SolveMemory.Format(peak), line);
        Assert.Contains("--max-memory of 100 MiB", line);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void Given_a_sweep_above_max_memory_When_starting_Then_it_is_refused_before_the_run_folder_exists()
    {
        using var dir = new TempDirectory();
        var run = CliRun.Of("sweep", "--preset", "smoke", "--max-memory", "1K", "--out", dir.File("run"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--max-memory of 1 KiB", Assert.Single(run.ErrorLines));
        Assert.False(Directory.Exists(dir.File("run")));
    }

    [Theory]
    [InlineData("3G", 3L << 30)]
    [InlineData("512M", 512L << 20)]
    [InlineData("1.5GiB", 3L << 29)]
    [InlineData("4096", 4096L)]
    public void Given_a_memory_size_When_parsed_Then_units_are_powers_of_1024(string text, long bytes) =>
        Assert.Equal(bytes, FlatLab.Cli.Commands.OptionParsing.Bytes(text, "--max-memory"));

    [Theory]
    [InlineData("lots")]
    [InlineData("-1G")]
    [InlineData("0")]
    public void Given_a_bad_memory_size_When_parsed_Then_the_option_is_named(string text) =>
        Assert.Contains("--max-memory", Assert.Throws<FlatLab.Cli.InputException>(() => FlatLab.Cli.Commands.OptionParsing.Bytes(text, "--max-memory")).Message);

    [Fact]
    public void Given_this_machine_When_asking_the_limit_Then_it_is_the_least_of_the_known_limits()
    {
        var limit = SolveMemory.Limit(1L << 20);
        Assert.NotNull(limit);
        Assert.Equal((1L << 20, "--max-memory"), limit.Value);
        Assert.Equal(SolveMemory.BaseBytes + SolveMemory.BytesPerFeatureEntry * 6000L * 12000 + 24L * 18000 * 100 + 64L * 18000,
            SolveMemory.PeakBytes(6000, 12000, 100));
    }
}
