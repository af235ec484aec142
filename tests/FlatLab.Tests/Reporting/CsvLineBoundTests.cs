using FlatLab.Reporting.Io;

namespace FlatLab.Tests.Reporting;

/// <summary>A CSV file is read a bounded line at a time: a huge line is refused by number before it fills memory,
/// and every kind of line end still splits rows as before.</summary>
public sealed class CsvLineBoundTests
{
    [Fact]
    public void Given_a_line_longer_than_the_bound_When_read_Then_it_is_refused_with_its_line_number()
    {
        // Given: two good rows, then a third line of BoundedLineReader.MaxLineLength + 2 characters with no line break.
        var text = "1,2\n3,4\n" + string.Concat(Enumerable.Repeat("5,", BoundedLineReader.MaxLineLength / 2 + 1));
        var reader = new CountingReader(text);

        // When
        var error = Assert.Throws<MatrixFormatException>(() => CsvMatrixReader.Read(reader, "huge.csv"));

        // Then: the file and the line are named, and reading stopped at about the bound, not at the end.
        Assert.Equal(3, error.Line);
        Assert.Contains("huge.csv", error.Message);
        Assert.Contains($"longer than {BoundedLineReader.MaxLineLength} characters", error.Message);
        Assert.True(reader.CharactersRead <= BoundedLineReader.MaxLineLength + 8 + (1 << 16), $"read {reader.CharactersRead}");
    }

    [Theory]
    [InlineData("1,2\n3,4\n")]
    [InlineData("1,2\r\n3,4\r\n")]
    [InlineData("1,2\r3,4")]
    [InlineData("# header\r\n\r\n1,2\n\n3,4")]
    public void Given_any_line_ends_When_read_Then_the_rows_are_those_of_ReadLine(string text)
    {
        var matrix = CsvMatrixReader.Read(new StringReader(text), "t.csv");

        Assert.Equal(new[,] { { 1.0, 2.0 }, { 3.0, 4.0 } }, matrix.ToArray());
    }

    [Fact]
    public void Given_lines_that_straddle_the_read_buffer_When_read_Then_every_value_and_line_number_is_right()
    {
        // 20 000 rows of 5 values cross the 64 Ki-character buffer many times, with \r\n split across reads.
        var rows = Enumerable.Range(0, 20_000).Select(i => string.Join(",", Enumerable.Range(0, 5).Select(c => (i * 5 + c).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var matrix = CsvMatrixReader.Read(new StringReader(string.Join("\r\n", rows) + "\r\n"), "t.csv");

        Assert.Equal(20_000, matrix.RowCount);
        Assert.Equal(5, matrix.ColumnCount);
        Assert.Equal(99_999.0, matrix[19_999, 4]);
        Assert.Equal(12_345.0, matrix[2469, 0]);
        var error = Assert.Throws<MatrixFormatException>(() =>
            CsvMatrixReader.Read(new StringReader(string.Join("\n", rows.Take(15_000)) + "\n1,2,x,4,5\n"), "t.csv"));
        Assert.Equal(15_001, error.Line);
    }

    /// <summary>A reader that counts what was taken from it.</summary>
    private sealed class CountingReader(string text) : StringReader(text)
    {
        public long CharactersRead { get; private set; }

        public override int Read(char[] buffer, int index, int count)
        {
            var n = base.Read(buffer, index, count);
            CharactersRead += n;
            return n;
        }

        public override int Read(Span<char> buffer)
        {
            var n = base.Read(buffer);
            CharactersRead += n;
            return n;
        }
    }
}
