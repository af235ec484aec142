namespace FlatLab.Tests.Cli;

/// <summary>
/// Every bad input gives exit code 2, one line on stderr that names the problem, and no output files.
/// Each case edits one file of a small valid instance (n = 3, d = 2, m = 5) written by hand.
/// </summary>
public sealed class SolveBadInputTests
{
    private const string X = "1,0\n0,1\n1,1\n";
    private const string Y = "1\n2\n3\n";
    private const string W = "1,0\n0,1\n1,1\n1,-1\n-1,2\n";
    private const string U = "1,0\n";

    private static CliRun Solve(TempDirectory dir, string x = X, string y = Y, string w = W, params string[] extra)
    {
        File.WriteAllText(dir.File("X.csv"), x);
        File.WriteAllText(dir.File("y.csv"), y);
        File.WriteAllText(dir.File("W.csv"), w);
        File.WriteAllText(dir.File("U.csv"), U);
        var args = new List<string>
        {
            "solve", "--features", dir.File("X.csv"), "--labels", dir.File("y.csv"), "--inner-weights", dir.File("W.csv"),
            "--out", dir.File("out"),
        };
        if (!extra.Contains("--activation")) args.AddRange(["--activation", "relu"]);
        args.AddRange(extra);
        return CliRun.Of(args.ToArray());
    }

    private static void AssertBadInput(CliRun run, TempDirectory dir, params string[] expected)
    {
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        foreach (var e in expected) Assert.Contains(e, line);
        Assert.DoesNotContain(" at ", line); // no stack trace
        Assert.DoesNotContain("wrote", run.Output);
        Assert.False(Directory.Exists(dir.File("out")), "no output directory or files on bad input");
    }

    [Fact]
    public void Given_a_valid_instance_When_solving_Then_it_succeeds_so_the_edits_below_are_what_fails()
    {
        using var dir = new TempDirectory();
        var run = Solve(dir);
        Assert.True(run.ExitCode is 0 or 1, run.Error);
        Assert.True(File.Exists(dir.File("out/solution.json")));
    }

    [Fact]
    public void Given_a_missing_file_When_solving_Then_bad_input_names_the_file()
    {
        using var dir = new TempDirectory();
        var run = CliRun.Of("solve", "--features", dir.File("nope.csv"), "--labels", dir.File("y.csv"), "--inner-weights",
            dir.File("W.csv"), "--activation", "relu", "--out", dir.File("out"));
        AssertBadInput(run, dir, "--features", "nope.csv", "not found");
    }

    [Fact]
    public void Given_an_unparsable_number_When_solving_Then_bad_input_names_file_line_and_column()
    {
        using var dir = new TempDirectory();
        AssertBadInput(Solve(dir, w: "1,0\n0,1\n1,1\n1,abc\n-1,2\n"), dir, "--inner-weights", "W.csv", "line 4", "column 2", "'abc'");
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("NaN")]
    [InlineData("inf")]
    [InlineData("-Infinity")]
    [InlineData("1e400")]
    public void Given_a_non_finite_value_When_solving_Then_bad_input_says_not_finite(string value)
    {
        using var dir = new TempDirectory();
        AssertBadInput(Solve(dir, x: $"1,0\n0,{value}\n1,1\n"), dir, "--features", "X.csv", "line 2", "column 2", "not finite");
    }

    [Fact]
    public void Given_labels_of_the_wrong_length_When_solving_Then_bad_input_names_both_sizes()
    {
        using var dir = new TempDirectory();
        AssertBadInput(Solve(dir, y: "1\n2\n"), dir, "--labels", "2 labels", "n = 3");
    }

    [Fact]
    public void Given_inner_weights_of_the_wrong_width_When_solving_Then_bad_input_names_d()
    {
        using var dir = new TempDirectory();
        AssertBadInput(Solve(dir, w: "1,0,0\n0,1,0\n1,1,0\n1,-1,0\n-1,2,0\n"), dir, "--inner-weights", "3 columns", "d = 2");
    }

    [Fact]
    public void Given_a_zero_norm_weight_row_When_solving_Then_bad_input_names_the_row()
    {
        using var dir = new TempDirectory();
        AssertBadInput(Solve(dir, w: "1,0\n0,1\n0,0\n1,-1\n-1,2\n"), dir, "row 3", "zero norm");
    }

    [Fact]
    public void Given_no_more_neurons_than_samples_When_solving_Then_bad_input_names_m_and_n()
    {
        using var dir = new TempDirectory();
        AssertBadInput(Solve(dir, w: "1,0\n0,1\n1,1\n"), dir, "m = 3", "n = 3");
    }

    [Fact]
    public void Given_ragged_rows_When_solving_Then_bad_input_names_the_line()
    {
        using var dir = new TempDirectory();
        AssertBadInput(Solve(dir, x: "1,0\n0,1,5\n1,1\n"), dir, "X.csv", "line 2", "ragged");
    }

    [Fact]
    public void Given_an_empty_file_When_solving_Then_bad_input_says_empty()
    {
        using var dir = new TempDirectory();
        AssertBadInput(Solve(dir, y: ""), dir, "--labels", "y.csv", "empty");
    }

    [Fact]
    public void Given_an_unknown_activation_When_solving_Then_bad_input_lists_the_known_ones()
    {
        using var dir = new TempDirectory();
        AssertBadInput(Solve(dir, extra: ["--activation", "tanh"]), dir, "--activation", "Unknown activation 'tanh'", "relu");
    }

    [Fact]
    public void Given_an_unknown_link_When_solving_Then_bad_input_lists_the_known_ones()
    {
        using var dir = new TempDirectory();
        AssertBadInput(Solve(dir, extra: ["--directions", dir.File("U.csv"), "--link", "cubic"]), dir, "--link", "Unknown link 'cubic'", "single-index");
    }

    [Fact]
    public void Given_directions_of_the_wrong_width_When_solving_Then_bad_input_names_d()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("U3.csv"), "1,0,0\n");
        AssertBadInput(Solve(dir, extra: ["--directions", dir.File("U3.csv")]), dir, "--directions", "d = 2");
    }

    [Fact]
    public void Given_non_orthonormal_directions_When_solving_Then_the_data_model_validation_is_reported()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("U2.csv"), "2,0\n");
        AssertBadInput(Solve(dir, extra: ["--directions", dir.File("U2.csv")]), dir, "orthonormal");
    }

    [Theory]
    [InlineData("--link", "quadratic-feature", "--quadratic-form")]
    [InlineData("--link", "teacher", "--teacher-weights")]
    [InlineData("--point", "middle", "--point")]
    [InlineData("--weights", "heavy", "--weights")]
    [InlineData("--unknown-option", "1", "unknown-option")]
    public void Given_an_inconsistent_option_When_solving_Then_bad_input_names_it(string option, string value, string expected)
    {
        using var dir = new TempDirectory();
        AssertBadInput(Solve(dir, extra: ["--directions", dir.File("U.csv"), option, value]), dir, expected);
    }

    [Fact]
    public void Given_a_model_option_without_directions_When_solving_Then_bad_input_asks_for_directions()
    {
        using var dir = new TempDirectory();
        AssertBadInput(Solve(dir, extra: ["--noise-std", "0.1"]), dir, "--noise-std", "--directions");
    }

    [Fact]
    public void Given_point_with_a_quadratic_network_When_solving_Then_bad_input_says_p_1_only()
    {
        using var dir = new TempDirectory();
        AssertBadInput(Solve(dir, extra: ["--activation", "quadratic", "--point", "central"]), dir, "--point", "p = 1");
    }

    [Fact]
    public void Given_a_missing_required_option_When_solving_Then_bad_input_names_it()
    {
        using var dir = new TempDirectory();
        var run = CliRun.Of("solve", "--features", dir.File("X.csv"), "--activation", "relu", "--out", dir.File("out"));
        AssertBadInput(run, dir, "--labels", "required");
    }
}
