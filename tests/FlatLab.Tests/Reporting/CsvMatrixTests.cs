using System.Globalization;
using FlatLab.Reporting.Io;
using FlatLab.Tests.Cli;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.Reporting;

public sealed class CsvMatrixTests
{
    /// <summary>Values that stress a text round trip: extremes, subnormals, signed zero, long mantissas.</summary>
    private static Matrix<double> Awkward()
    {
        var random = new FlatLab.Randomness.RandomSource(11);
        var m = Matrix<double>.Build.Dense(6, 4, (_, _) => random.NextGaussian() * Math.Pow(10, 40 * random.NextDouble() - 20));
        m[0, 0] = double.Epsilon;
        m[0, 1] = double.MaxValue;
        m[0, 2] = -double.MinValue / 3;
        m[0, 3] = -0.0;
        m[1, 0] = 0.1;
        m[1, 1] = 1.0 / 3;
        m[1, 2] = -2.2250738585072014e-308;
        m[1, 3] = 123456789012345678;
        return m;
    }

    /// <summary>A culture with de-DE's separators (',' decimal, '.' grouping), built without ICU data so it
    /// also works where the runtime runs in invariant-globalization mode.</summary>
    private static CultureInfo GermanLike()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        return culture;
    }

    [Theory]
    [InlineData(CsvMatrixWriter.NumpyFormat, false)]
    [InlineData(CsvMatrixWriter.RoundTripFormat, false)]
    [InlineData(CsvMatrixWriter.NumpyFormat, true)]
    [InlineData(CsvMatrixWriter.RoundTripFormat, true)]
    public void Given_awkward_values_When_written_and_read_Then_every_bit_survives(string format, bool underGermanCulture)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            if (underGermanCulture)
            {
                CultureInfo.CurrentCulture = GermanLike();
                Assert.Equal("1,5", 1.5.ToString(CultureInfo.CurrentCulture)); // the test culture is really different
            }
            using var dir = new TempDirectory();
            var expected = Awkward();
            CsvMatrixWriter.WriteFile(dir.File("m.csv"), expected, format);

            var actual = CsvMatrixReader.Read(dir.File("m.csv"));

            Assert.DoesNotContain(";", File.ReadAllText(dir.File("m.csv")));
            for (var i = 0; i < expected.RowCount; i++)
                for (var j = 0; j < expected.ColumnCount; j++)
                    Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i, j]), BitConverter.DoubleToInt64Bits(actual[i, j]));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    // References are Python's "%.18e" % v (C printf, what numpy.savetxt uses): 0.1 is 0.1000000000000000055511151231257827...
    [InlineData(0.1, "1.000000000000000056e-01")]
    [InlineData(1.0, "1.000000000000000000e+00")]
    [InlineData(-250.0, "-2.500000000000000000e+02")]
    [InlineData(0.0, "0.000000000000000000e+00")]
    [InlineData(1e-300, "1.000000000000000025e-300")]
    [InlineData(1e100, "1.000000000000000016e+100")]
    public void Given_a_value_When_formatted_numpy_style_Then_it_matches_printf(double value, string expected)
    {
        Assert.Equal(expected, CsvMatrixWriter.Format(value, CsvMatrixWriter.NumpyFormat));
    }

    [Fact]
    public void Given_numpy_savetxt_text_with_a_header_and_crlf_When_read_Then_comments_and_blank_lines_are_skipped()
    {
        var text = "# x y\r\n1.000000000000000000e+00,-2.500000000000000000e-01\r\n\r\n 3 , 4e2 \r\n";

        var m = CsvMatrixReader.Read(new StringReader(text), "inline.csv");

        Assert.Equal(new[,] { { 1.0, -0.25 }, { 3.0, 400.0 } }, m.ToArray());
    }

    [Theory]
    [InlineData("1,2\n3\n", "line 2", "ragged")]
    [InlineData("1,2\n3,x\n", "line 2, column 2", "'x' is not a number")]
    [InlineData("1,,2\n", "line 1, column 2", "empty value")]
    [InlineData("1 2\n", "line 1, column 1", "separated by commas")]
    [InlineData("1,2\n3,nan\n", "line 2, column 2", "not finite")]
    [InlineData("", "", "empty")]
    [InlineData("# only a header\n\n", "", "empty")]
    public void Given_malformed_text_When_read_Then_the_error_names_the_place(string text, string place, string problem)
    {
        var e = Assert.Throws<MatrixFormatException>(() => CsvMatrixReader.Read(new StringReader(text), "bad.csv"));

        Assert.StartsWith("bad.csv", e.Message);
        Assert.Contains(place, e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Given_a_vector_as_a_row_or_a_column_When_read_as_a_vector_Then_both_give_the_same_values()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("row.csv"), "1,2,3\n");
        File.WriteAllText(dir.File("col.csv"), "1\n2\n3\n");
        File.WriteAllText(dir.File("both.csv"), "1,2\n3,4\n");

        Assert.Equal([1.0, 2, 3], MatrixFile.ReadVector(dir.File("row.csv")));
        Assert.Equal([1.0, 2, 3], MatrixFile.ReadVector(dir.File("col.csv")));
        Assert.Contains("one column or one row", Assert.Throws<MatrixFormatException>(() => MatrixFile.ReadVector(dir.File("both.csv"))).Message);
    }

    [Fact]
    public void Given_a_missing_file_When_read_Then_file_not_found_names_it()
    {
        var e = Assert.Throws<FileNotFoundException>(() => CsvMatrixReader.Read("/nonexistent/dir/X.csv"));
        Assert.Contains("/nonexistent/dir/X.csv", e.Message);
    }
}
