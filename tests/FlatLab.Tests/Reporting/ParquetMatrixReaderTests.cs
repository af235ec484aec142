using FlatLab.Reporting.Io;
using FlatLab.Tests.Cli;
using MathNet.Numerics.LinearAlgebra;
using Parquet.Schema;

namespace FlatLab.Tests.Reporting;

public sealed class ParquetMatrixReaderTests
{
    [Fact]
    public async Task Given_double_columns_in_several_row_groups_When_reading_Then_the_matrix_is_exact()
    {
        using var dir = new TempDirectory();
        var random = new FlatLab.Randomness.RandomSource(5);
        var expected = Matrix<double>.Build.Dense(7, 3, (_, _) => random.NextGaussian());
        ParquetTestFiles.Write(dir.File("m.parquet"), expected, rowGroupSize: 3); // groups of 3, 3, 1

        var actual = await ParquetMatrixReader.ReadAsync(dir.File("m.parquet"));

        Assert.Equal(expected, actual); // Parquet stores doubles bit for bit
        Assert.Equal(expected, MatrixFile.Read(dir.File("m.parquet")));
    }

    [Fact]
    public async Task Given_float_int_long_and_nullable_columns_When_reading_Then_they_are_widened_to_double()
    {
        using var dir = new TempDirectory();
        await ParquetTestFiles.WriteColumnsAsync(dir.File("t.parquet"),
            (new DataField<float>("f"), (g, f) => g.WriteAsync<float>(f, new[] { 0.5f, -1.25f })),
            (new DataField<int>("i"), (g, f) => g.WriteAsync<int>(f, new[] { 3, -4 })),
            (new DataField<long>("l"), (g, f) => g.WriteAsync<long>(f, new[] { 1L << 40, 7L })),
            (new DataField<double?>("n"), (g, f) => g.WriteAsync<double>(f, new double?[] { 2.5, -0.125 }.AsMemory())));

        var m = ParquetMatrixReader.Read(dir.File("t.parquet"));

        Assert.Equal(new[,] { { 0.5, 3, 1L << 40, 2.5 }, { -1.25, -4, 7, -0.125 } }, m.ToArray());
    }

    [Fact]
    public async Task Given_a_null_value_When_reading_Then_the_error_names_the_column()
    {
        using var dir = new TempDirectory();
        await ParquetTestFiles.WriteColumnsAsync(dir.File("n.parquet"),
            (new DataField<double?>("weights"), (g, f) => g.WriteAsync<double>(f, new double?[] { 1, null }.AsMemory())));

        var e = Assert.Throws<MatrixFormatException>(() => ParquetMatrixReader.Read(dir.File("n.parquet")));
        Assert.Contains("'weights'", e.Message);
        Assert.Contains("null", e.Message);
    }

    [Fact]
    public async Task Given_a_string_column_When_reading_Then_the_error_names_the_column()
    {
        using var dir = new TempDirectory();
        await ParquetTestFiles.WriteColumnsAsync(dir.File("s.parquet"),
            (new DataField<string>("label"), (g, f) => g.WriteAsync(f, new[] { "a", "b" })));

        var e = Assert.Throws<MatrixFormatException>(() => ParquetMatrixReader.Read(dir.File("s.parquet")));
        Assert.Contains("'label'", e.Message);
    }

    [Fact]
    public async Task Given_a_nan_value_When_reading_Then_it_is_rejected_with_its_row()
    {
        using var dir = new TempDirectory();
        await ParquetTestFiles.WriteColumnsAsync(dir.File("nan.parquet"),
            (new DataField<double>("x"), (g, f) => g.WriteAsync<double>(f, new[] { 1.0, double.NaN })));

        var e = Assert.Throws<MatrixFormatException>(() => ParquetMatrixReader.Read(dir.File("nan.parquet")));
        Assert.Contains("row 2", e.Message);
        Assert.Contains("not finite", e.Message);
    }

    [Fact]
    public void Given_a_file_that_is_not_parquet_When_reading_Then_a_format_error_names_it()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("bad.parquet"), "1,2,3\n");

        var e = Assert.Throws<MatrixFormatException>(() => ParquetMatrixReader.Read(dir.File("bad.parquet")));
        Assert.Contains("bad.parquet", e.Message);
    }
}
