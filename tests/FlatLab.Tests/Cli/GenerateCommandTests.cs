using System.Text.Json;
using FlatLab.Data;
using FlatLab.Reporting.Io;

namespace FlatLab.Tests.Cli;

public sealed class GenerateCommandTests
{
    [Fact]
    public void Given_small_sizes_When_generating_Then_files_have_the_requested_shapes_and_consistent_labels()
    {
        using var dir = new TempDirectory();
        var run = CliRun.Of("generate", "--d", "6", "--n", "9", "--m", "20", "--rho", "0.3", "--noise-std", "0", "--out", dir.Path);

        Assert.Equal(0, run.ExitCode);
        var x = CsvMatrixReader.Read(dir.File("X.csv"));
        var y = CsvMatrixReader.ReadVector(dir.File("y.csv"));
        var w = CsvMatrixReader.Read(dir.File("W.csv"));
        var u = CsvMatrixReader.Read(dir.File("U.csv"));
        Assert.Equal((9, 6), (x.RowCount, x.ColumnCount));
        Assert.Equal(9, y.Length);
        Assert.Equal((20, 6), (w.RowCount, w.ColumnCount));
        Assert.Equal((1, 6), (u.RowCount, u.ColumnCount));
        // Noiseless single-index relu: y_i = relu(u·x_i), recomputed from the written files
        // (19 significant digits: agreement to ~1e-15 relative, 1e-12 leaves room for the sums).
        for (var i = 0; i < 9; i++)
            Assert.Equal(Math.Max(0, x.Row(i) * u.Row(0)), y[i], 1e-12);
        // docs/model.md §6: each w_j has unit norm and its projection on span(U) has norm rho.
        for (var j = 0; j < 20; j++)
        {
            Assert.Equal(1.0, w.Row(j).L2Norm(), 1e-12);
            Assert.Equal(0.3, Math.Abs(w.Row(j) * u.Row(0)), 1e-12);
        }
    }

    [Fact]
    public void Given_the_same_seed_When_generating_twice_Then_the_files_are_identical_and_another_seed_differs()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        using var c = new TempDirectory();
        Assert.Equal(0, CliRun.Of("generate", "--d", "4", "--n", "5", "--m", "8", "--seed", "7", "--out", a.Path).ExitCode);
        Assert.Equal(0, CliRun.Of("generate", "--d", "4", "--n", "5", "--m", "8", "--seed", "7", "--out", b.Path).ExitCode);
        Assert.Equal(0, CliRun.Of("generate", "--d", "4", "--n", "5", "--m", "8", "--seed", "8", "--out", c.Path).ExitCode);
        Assert.Equal(File.ReadAllText(a.File("X.csv")), File.ReadAllText(b.File("X.csv")));
        Assert.Equal(File.ReadAllText(a.File("W.csv")), File.ReadAllText(b.File("W.csv")));
        Assert.NotEqual(File.ReadAllText(a.File("X.csv")), File.ReadAllText(c.File("X.csv")));
    }

    [Theory]
    [InlineData("quadratic-feature", "A.csv", 5, 5)]
    [InlineData("teacher", "V.csv", 2, 2)]
    public void Given_a_link_with_extra_parts_When_generating_Then_they_are_written(string link, string file, int rows, int columns)
    {
        using var dir = new TempDirectory();
        var run = CliRun.Of("generate", "--d", "5", "--n", "6", "--m", "10", "--rank", "2", "--link", link, "--out", dir.Path);

        Assert.Equal(0, run.ExitCode);
        var extra = CsvMatrixReader.Read(dir.File(file));
        Assert.Equal((rows, columns), (extra.RowCount, extra.ColumnCount));
        using var manifest = JsonDocument.Parse(File.ReadAllText(dir.File("instance.json")));
        Assert.Equal(link, manifest.RootElement.GetProperty("link").GetString());
        Assert.Contains(file, manifest.RootElement.GetProperty("files").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("--m", "5", "exceed")]
    [InlineData("--rho", "1.5", "--rho")]
    [InlineData("--link", "cubic", "Unknown link")]
    [InlineData("--activation", "tanh", "Unknown activation")]
    [InlineData("--noise-std", "-1", "--noise-std")]
    public void Given_a_bad_option_When_generating_Then_exit_code_2_one_line_and_no_files(string option, string value, string expected)
    {
        using var dir = new TempDirectory();
        var outDir = dir.File("out");
        // The bad value replaces the default of its option (an option given twice is an error of its own).
        var sizes = new Dictionary<string, string> { ["--d"] = "4", ["--n"] = "6", ["--m"] = "12", [option] = value };
        var run = CliRun.Of(["generate", .. sizes.SelectMany(o => new[] { o.Key, o.Value }), "--out", outDir]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, Assert.Single(run.ErrorLines));
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void Given_the_generated_solve_command_When_reading_the_manifest_Then_it_names_the_model_options()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRun.Of("generate", "--d", "5", "--n", "6", "--m", "10", "--link", "sum-single-index", "--rank", "2",
            "--out", dir.Path).ExitCode);
        using var manifest = JsonDocument.Parse(File.ReadAllText(dir.File("instance.json")));
        var command = manifest.RootElement.GetProperty("solve_command").GetString()!;
        var coefficients = manifest.RootElement.GetProperty("link_coefficients").EnumerateArray().Select(e => e.GetDouble()).ToArray();

        Assert.Contains("--link sum-single-index", command);
        Assert.Contains("--link-coefficients", command);
        // The default coefficients are the equal-power ones of DataModelFactory.
        Assert.Equal(DataModelFactory.EqualPowerCoefficients(FlatLab.Activations.ActivationParser.Parse("relu"), 2), coefficients);
    }
}
