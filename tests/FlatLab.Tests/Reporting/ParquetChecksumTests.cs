using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Reporting.Io;
using FlatLab.Reporting.Tables;
using FlatLab.Tests.Cli;
using FlatLab.Tests.Reporting.Runs;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.Reporting;

/// <summary>
/// Every Parquet file FlatLab writes carries a CRC-32 in each page header, checked here by reading the
/// headers and hashing the pages independently; every page read that has one is verified, so a damaged
/// page is an error naming the file and column (exit 2 from the command line); files without checksums read.
/// </summary>
public sealed class ParquetChecksumTests
{
    [Fact]
    public void Given_the_check_value_of_the_crc32_standard_When_hashed_Then_the_independent_crc_matches_it()
    {
        Assert.Equal(0xCBF43926u, ParquetPages.Crc32("123456789"u8)); // the check value of CRC-32/ISO-HDLC
        Assert.Equal(0u, ParquetPages.Crc32([]));
    }

    [Fact]
    public void Given_a_results_table_When_written_Then_every_page_declares_the_crc32_of_its_bytes()
    {
        using var dir = new TempDirectory();
        var path = dir.File("results.parquet");
        ResultsTable.WriteParquet(path, SyntheticRows.Sweep());

        var pages = ParquetPages.Read(path);
        var bytes = File.ReadAllBytes(path);

        Assert.Equal(ResultsColumns.All.Count, pages.Select(p => p.Column).Distinct().Count()); // every column has pages
        Assert.All(pages, p =>
        {
            Assert.NotNull(p.Crc);
            Assert.Equal(ParquetPages.Crc32(bytes.AsSpan((int)p.BodyOffset, p.BodyLength)), unchecked((uint)p.Crc!.Value));
        });
    }

    [Fact]
    public void Given_a_table_longer_than_one_batch_When_written_and_read_Then_every_row_comes_back_bit_for_bit()
    {
        using var dir = new TempDirectory();
        var path = dir.File("results.parquet");
        // 5000 rows: more than one 4096-value batch per column; every other loss not applicable (null), every third variant empty.
        var rows = Enumerable.Range(0, 5000).Select(i => SyntheticRows.Row(i, "p", "2", i % 5, 0.1 * (i % 10), 1.0 / (i + 1), i % 2 == 0 ? double.NaN : i * 1e-3)
            with { Variant = i % 3 == 0 ? "" : $"v{i}", CaseSeed = ulong.MaxValue - (ulong)i }).ToList();

        ResultsTable.WriteParquet(path, rows);

        Assert.Equal(rows, ResultsTable.Read(path));
        var bytes = File.ReadAllBytes(path);
        Assert.All(ParquetPages.Read(path), p => Assert.Equal(ParquetPages.Crc32(bytes.AsSpan((int)p.BodyOffset, p.BodyLength)), unchecked((uint)p.Crc!.Value)));
    }

    [Fact]
    public void Given_a_trajectory_table_When_written_Then_every_page_declares_the_crc32_of_its_bytes()
    {
        using var dir = new TempDirectory();
        var path = dir.File("trajectories.parquet");
        var search = SyntheticRows.Row(1, "p", "2", 0, double.NaN, 3, 4) with
        {
            Kind = CaseKind.Search,
            Trajectory = [new TrajectoryPoint(0, 0, double.NaN, 5.5, 5.5, 0.25, 1.5, 1.5), new TrajectoryPoint(1, 0, 2, 0.3, 0.3, 0.5, 1.25, 1.25)],
        };
        TrajectoryTable.WriteParquet(path, [search]);

        var pages = ParquetPages.Read(path);
        var bytes = File.ReadAllBytes(path);

        Assert.NotEmpty(pages);
        Assert.All(pages, p => Assert.Equal(ParquetPages.Crc32(bytes.AsSpan((int)p.BodyOffset, p.BodyLength)), unchecked((uint)p.Crc!.Value)));
    }

    [Fact]
    public void Given_a_byte_flipped_inside_a_data_page_of_a_results_table_When_read_Then_the_error_names_the_file_the_column_and_the_checksum()
    {
        using var dir = new TempDirectory();
        var path = dir.File("results.parquet");
        ResultsTable.WriteParquet(path, SyntheticRows.Sweep());
        var column = ResultsColumns.All.ToList().FindIndex(c => c.Name == "flatness_min");

        FlipByteInDataPage(path, column);

        var e = Assert.Throws<InvalidDataException>(() => ResultsTable.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("column 'flatness_min'", e.Message);
        Assert.Contains("checksum", e.Message);
    }

    [Fact]
    public void Given_the_same_byte_flipped_in_files_with_and_without_checksums_When_read_Then_only_the_checksum_catches_it()
    {
        using var dir = new TempDirectory();
        var random = new FlatLab.Randomness.RandomSource(11);
        var matrix = Matrix<double>.Build.Dense(50, 3, (_, _) => random.NextGaussian());
        ParquetTestFiles.WriteWithChecksums(dir.File("with.parquet"), matrix, checksums: true);
        ParquetTestFiles.WriteWithChecksums(dir.File("without.parquet"), matrix, checksums: false);
        Assert.All(ParquetPages.Read(dir.File("with.parquet")), p => Assert.NotNull(p.Crc));
        Assert.All(ParquetPages.Read(dir.File("without.parquet")), p => Assert.Null(p.Crc));
        Assert.Equal(matrix, ParquetMatrixReader.Read(dir.File("with.parquet")));

        // The lowest byte of a double in column c1's plain page: the value moves, still a finite number.
        FlipByteInDataPage(dir.File("with.parquet"), column: 1);
        FlipByteInDataPage(dir.File("without.parquet"), column: 1);

        var silent = ParquetMatrixReader.Read(dir.File("without.parquet"));
        Assert.NotEqual(matrix, silent); // without a checksum the damage reads as other numbers
        Assert.Equal(matrix.Column(0), silent.Column(0));
        var e = Assert.Throws<MatrixFormatException>(() => ParquetMatrixReader.Read(dir.File("with.parquet")));
        Assert.Contains("with.parquet", e.Message);
        Assert.Contains("column 'c1'", e.Message);
        Assert.Contains("checksum", e.Message);
    }

    [Fact]
    public void Given_a_matrix_written_by_a_writer_without_checksums_When_read_Then_it_reads_exactly()
    {
        using var dir = new TempDirectory();
        var matrix = Matrix<double>.Build.Dense(9, 2, (i, j) => i - 2.5 * j);
        ParquetTestFiles.Write(dir.File("m.parquet"), matrix, rowGroupSize: 4);

        Assert.All(ParquetPages.Read(dir.File("m.parquet")), p => Assert.Null(p.Crc));
        Assert.Equal(matrix, ParquetMatrixReader.Read(dir.File("m.parquet")));
    }

    [Fact]
    public void Given_the_same_rows_When_written_twice_Then_the_files_are_byte_identical()
    {
        using var dir = new TempDirectory();
        ResultsTable.WriteParquet(dir.File("a.parquet"), SyntheticRows.Sweep());
        ResultsTable.WriteParquet(dir.File("b.parquet"), SyntheticRows.Sweep());

        Assert.Equal(File.ReadAllBytes(dir.File("a.parquet")), File.ReadAllBytes(dir.File("b.parquet")));
    }

    [Fact]
    public void Given_a_stream_that_fails_with_a_full_disk_When_a_table_is_written_Then_the_io_exception_comes_through_with_its_error_code()
    {
        var stream = new FailingStream(bytesBeforeFailure: 100);

        var e = Assert.ThrowsAny<IOException>(() => ParquetFile.Write(stream, ParquetFile.Schema(ResultsColumns.All.Select(ResultsParquet.Node)),
            group => { foreach (var _ in ResultsColumns.All) group.NextColumn().Dispose(); }));

        Assert.Equal(28, e.HResult); // ENOSPC, which the command line reports as an I/O failure (exit 4)
    }

    [Fact]
    public void Given_a_damaged_parquet_input_When_solving_Then_exit_2_names_the_file_and_column_without_a_stack_trace()
    {
        using var dir = new TempDirectory();
        Assert.Equal(0, CliRun.Of("generate", "--d", "6", "--n", "10", "--m", "24", "--seed", "3", "--out", dir.Path).ExitCode);
        var x = CsvMatrixReader.Read(dir.File("X.csv"));
        ParquetTestFiles.WriteWithChecksums(dir.File("X.parquet"), x, checksums: true);
        FlipByteInDataPage(dir.File("X.parquet"), column: 2);

        var run = CliRun.Of("solve", "--features", dir.File("X.parquet"), "--labels", dir.File("y.csv"),
            "--inner-weights", dir.File("W.csv"), "--activation", "relu", "--out", dir.File("out"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--features", run.Error);
        Assert.Contains("X.parquet", run.Error);
        Assert.Contains("column 'c2'", run.Error);
        Assert.Contains("checksum", run.Error);
        Assert.DoesNotContain("   at ", run.Error); // no stack trace
        Assert.False(File.Exists(dir.File("out/solution.json")));
    }

    [Fact]
    public void Given_a_damaged_results_table_When_plotted_Then_exit_2_names_the_file_and_column()
    {
        using var dir = new TempDirectory();
        var path = dir.File("results.parquet");
        ResultsTable.WriteParquet(path, SyntheticRows.Sweep());
        FlipByteInDataPage(path, ResultsColumns.All.ToList().FindIndex(c => c.Name == "population_loss"));

        var run = CliRun.Of("plot", "--results", path, "--out", dir.File("figures"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("results.parquet", run.Error);
        Assert.Contains("column 'population_loss'", run.Error);
        Assert.Contains("checksum", run.Error);
        Assert.DoesNotContain("internal error", run.Error);
    }

    [Fact]
    public void Given_a_truncated_results_table_When_read_Then_the_error_names_the_file()
    {
        using var dir = new TempDirectory();
        var path = dir.File("results.parquet");
        ResultsTable.WriteParquet(path, SyntheticRows.Sweep());
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var e = Assert.Throws<InvalidDataException>(() => ResultsTable.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("not a readable Parquet file", e.Message);
    }

    /// <summary>
    /// Flips the lowest bit of a byte in the body (not the header) of the first data page of <paramref name="column"/>:
    /// the lowest byte of the last value of a plain, uncompressed double page; a byte of the compressed bytes otherwise.
    /// </summary>
    private static void FlipByteInDataPage(string path, int column)
    {
        var page = ParquetPages.Read(path).First(p => p.Column == column && p.IsDataPage);
        var bytes = File.ReadAllBytes(path);
        bytes[page.BodyOffset + Math.Max(0, page.BodyLength - 8)] ^= 0x01;
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>A file stream on a full disk: writes fail with ENOSPC after some bytes.</summary>
    private sealed class FailingStream(int bytesBeforeFailure) : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Length + count > bytesBeforeFailure) throw new IOException("No space left on device", 28);
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (Length + buffer.Length > bytesBeforeFailure) throw new IOException("No space left on device", 28);
            base.Write(buffer);
        }
    }
}
