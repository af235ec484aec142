using FlatLab.Reporting.Io;
using FlatLab.Tests.Reporting;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.Cli;

/// <summary>
/// solve compares the sizes its NPY and Parquet inputs declare before reading any body: a W that
/// declares 20 million rows (and holds none) is refused for its columns, not for its missing values.
/// </summary>
public class DeclaredShapeTests
{
    private static readonly Matrix<double> X = Matrix<double>.Build.Dense(6, 3, (i, j) => Math.Sin(1 + i * 3 + j));

    [Fact]
    public void Given_an_npy_W_that_declares_huge_rows_of_the_wrong_width_When_solving_Then_it_is_refused_from_its_header()
    {
        using var dir = new TempDirectory();
        var (x, y) = Data(dir);
        var w = dir.File("W.npy");
        File.WriteAllBytes(w, NpyHeader.Format("<f8", false, [20_000_000, 20])); // the header only: no values follow

        var run = CliRun.Of("solve", "--features", x, "--labels", y, "--inner-weights", w, "--activation", "relu", "--out", dir.File("o"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--inner-weights", run.Error);
        Assert.Contains("declares 20 columns", run.Error);
        Assert.Contains("d = 3", run.Error);
        Assert.DoesNotContain("truncated", run.Error);
    }

    [Fact]
    public void Given_npy_labels_that_declare_another_n_When_solving_Then_they_are_refused_before_reading()
    {
        using var dir = new TempDirectory();
        var (x, _) = Data(dir);
        var y = dir.File("y.npy");
        File.WriteAllBytes(y, NpyHeader.Format("<f8", false, [50_000_000]));
        var w = dir.File("W.npy");
        NpyMatrixWriter.WriteFile(w, Matrix<double>.Build.Dense(12, 3, (i, j) => Math.Cos(i + 2 * j)));

        var run = CliRun.Of("solve", "--features", x, "--labels", y, "--inner-weights", w, "--activation", "relu", "--out", dir.File("o"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--labels", run.Error);
        Assert.Contains("declares 50000000 labels", run.Error);
        Assert.Contains("n = 6", run.Error);
    }

    [Fact]
    public void Given_a_parquet_W_of_the_wrong_width_When_its_shape_is_peeked_Then_rows_and_columns_come_from_the_metadata()
    {
        using var dir = new TempDirectory();
        var path = dir.File("W.parquet");
        ParquetTestFiles.Write(path, Matrix<double>.Build.Dense(25, 4, (i, j) => i + j), rowGroupSize: 10);

        Assert.Equal(new MatrixShape(25, 4), MatrixFile.DeclaredShape(path));
        Assert.Null(MatrixFile.DeclaredShape(dir.File("missing.parquet")));
        var csv = dir.File("W.csv");
        using (var writer = new StreamWriter(csv)) CsvMatrixWriter.Write(writer, X);
        Assert.Null(MatrixFile.DeclaredShape(csv)); // CSV declares nothing; its size shows only by reading
    }

    private static (string X, string Y) Data(TempDirectory dir)
    {
        var x = dir.File("X.npy");
        NpyMatrixWriter.WriteFile(x, X);
        var y = dir.File("y.npy");
        NpyMatrixWriter.WriteVectorFile(y, Enumerable.Range(0, 6).Select(i => 0.1 * i).ToArray());
        return (x, y);
    }
}
