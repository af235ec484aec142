namespace FlatLab.Tests.Cli;

/// <summary>
/// Values that leave the double range are reported as an overflow (or underflow) with the quantity that left it,
/// not as a zero norm or a non-finite weight c_j: exit 2, one line, no output.
/// </summary>
public sealed class SolveOverflowTests
{
    private static CliRun Solve(TempDirectory dir, string x, string w)
    {
        File.WriteAllText(dir.File("X.csv"), x);
        File.WriteAllText(dir.File("y.csv"), "1\n2\n3\n");
        File.WriteAllText(dir.File("W.csv"), w);
        return CliRun.Of("solve", "--features", dir.File("X.csv"), "--labels", dir.File("y.csv"), "--inner-weights", dir.File("W.csv"),
            "--activation", "relu", "--out", dir.File("out"));
    }

    private static string BadInput(CliRun run, TempDirectory dir)
    {
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.False(Directory.Exists(dir.File("out")));
        Assert.DoesNotContain("zero norm", line);
        Assert.DoesNotContain("must be finite", line);
        return line;
    }

    [Fact]
    public void Given_a_weight_row_whose_norm_overflows_When_solving_Then_the_row_norm_is_named_an_overflow()
    {
        using var dir = new TempDirectory();
        var line = BadInput(Solve(dir, "1,0\n0,1\n1,1\n", "1,0\n0,1\n1.5e308,1.5e308\n1,-1\n-1,2\n"), dir);
        Assert.Contains("row 3", line);
        Assert.Contains("overflows", line);
        Assert.Contains("1.5E+308", line);
    }

    [Fact]
    public void Given_features_whose_sums_of_squares_overflow_When_solving_Then_the_overflowing_quantity_and_neuron_are_named()
    {
        using var dir = new TempDirectory();
        // σ(ŵ·x) ≈ 1e200 is finite, its square is not: S_j overflows for every neuron that sees sample 3.
        var line = BadInput(Solve(dir, "1,0\n0,1\n1e200,1e200\n", "1,0\n0,1\n1,1\n1,-1\n-1,2\n"), dir);
        Assert.Contains("Overflow in S_1", line);
        Assert.Contains("neuron 1", line);
        Assert.Contains("scale X down", line);
    }

    [Fact]
    public void Given_features_whose_activation_overflows_When_solving_Then_the_entry_of_phi_is_named()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("X.csv"), "1,0\n0,1\n1e300,1e300\n");
        File.WriteAllText(dir.File("y.csv"), "1\n2\n3\n");
        File.WriteAllText(dir.File("W.csv"), "1,0\n0,1\n1,1\n1,-1\n-1,2\n");
        var run = CliRun.Of("solve", "--features", dir.File("X.csv"), "--labels", dir.File("y.csv"), "--inner-weights", dir.File("W.csv"),
            "--activation", "quadratic", "--out", dir.File("out"));
        var line = BadInput(run, dir);
        Assert.Contains("Overflow in Φ", line);
        Assert.Contains("sample 3", line);
    }
}
