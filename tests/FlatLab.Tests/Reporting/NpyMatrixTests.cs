using System.Text;
using FlatLab.Reporting.Io;
using FlatLab.Tests.Cli;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.Reporting;

public sealed class NpyMatrixTests
{
    // Reference files written by numpy 1.24.2 (Debian 12), base64 of the whole file:
    //   A = np.array([[1.5, -2.0, 3.25], [4.0, 0.125, -6.5]])
    //   CF8: np.save(f, A)                                   BigEndian: np.save(f, A.astype('>f8'))
    //   FortranF4: np.save(f, np.asfortranarray(A.T.astype('<f4')))
    //   Int64: np.save(f, np.array([3, -1, 7]))               Version2: np.lib.format.write_array(f, A, version=(2, 0))
    //   TwoArrays: np.savez_compressed(f, X=A, y=np.array([0.5, -0.25]))   OneArray: np.savez(f, A)
    //   UInt8: np.save(f, np.array([1, 2], dtype=np.uint8))  WithNaN: np.save(f, np.array([[1., 2.], [np.nan, 4.]]))
    //   ThreeD: np.save(f, np.zeros((2, 2, 2)))
    private const string CF8 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAD4PwAAAAAAAADAAAAAAAAACkAAAAAAAAAQQAAAAAAAAMA/AAAAAAAAGsA=";
    private const string FortranF4 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBUcnVlLCAnc2hhcGUnOiAoMywgMiksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAMA/AAAAwAAAUEAAAIBAAAAAPgAA0MA=";
    private const string Int64 = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGk4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoDAAAAAAAAAP//////////BwAAAAAAAAA=";
    private const string BigEndian = "k05VTVBZAQB2AHsnZGVzY3InOiAnPmY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAo/+AAAAAAAAMAAAAAAAAAAQAoAAAAAAABAEAAAAAAAAD/AAAAAAAAAwBoAAAAAAAA=";
    private const string Version2 = "k05VTVBZAgB0AAAAeydkZXNjcic6ICc8ZjgnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMiwgMyksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAD4PwAAAAAAAADAAAAAAAAACkAAAAAAAAAQQAAAAAAAAMA/AAAAAAAAGsA=";
    private const string TwoArrays = "UEsDBBQAAAAIAAAAIQChzlsYXAAAALAAAAAFABQAWC5ucHkBABAAsAAAAAAAAABcAAAAAAAAAJvsF+obEMnIUMZQrZ6SWpxcpG6loG6TZqGuo6Cell9UUpSYF59flJIKEndLzClOBYoXZyQWpAL5GkY6CsaaOgq1CmQDLgYw+GEPoRkOQCguBwgtAKUPQOWlDgAAUEsDBBQAAAAIAAAAIQAe8D40TQAAAJAAAAAFABQAeS5ucHkBABAAkAAAAAAAAABNAAAAAAAAAJvsF+obEMnIUMZQrZ6SWpxcpG6loG6TZqGuo6Cell9UUpSYF59flJIKEndLzClOBYoXZyQWpAL5GkY6mjoKtQoUAC4GMHhgD6Ev7AcAUEsBAhQDFAAAAAgAAAAhAKHOWxhcAAAAsAAAAAUAAAAAAAAAAAAAAIABAAAAAFgubnB5UEsBAhQDFAAAAAgAAAAhAB7wPjRNAAAAkAAAAAUAAAAAAAAAAAAAAIABkwAAAHkubnB5UEsFBgAAAAACAAIAZgAAABcBAAAAAA==";
    private const string OneArray = "UEsDBBQAAAAAAAAAIQChzlsYsAAAALAAAAAJABQAYXJyXzAubnB5AQAQALAAAAAAAAAAsAAAAAAAAACTTlVNUFkBAHYAeydkZXNjcic6ICc8ZjgnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMiwgMyksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgCgAAAAAAAPg/AAAAAAAAAMAAAAAAAAAKQAAAAAAAABBAAAAAAAAAwD8AAAAAAAAawFBLAQIUAxQAAAAAAAAAIQChzlsYsAAAALAAAAAJAAAAAAAAAAAAAACAAQAAAABhcnJfMC5ucHlQSwUGAAAAAAEAAQA3AAAA6wAAAAAA";
    private const string UInt8 = "k05VTVBZAQB2AHsnZGVzY3InOiAnfHUxJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsKSwgfSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoBAg==";
    private const string WithNaN = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDIpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAADwPwAAAAAAAABAAAAAAAAA+H8AAAAAAAAQQA==";
    private const string ThreeD = "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDIsIDIpLCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    private static readonly double[,] A = { { 1.5, -2.0, 3.25 }, { 4.0, 0.125, -6.5 } };

    private static string Save(TempDirectory dir, string name, string base64)
    {
        var path = dir.File(name);
        File.WriteAllBytes(path, Convert.FromBase64String(base64));
        return path;
    }

    private static string ErrorOf(Func<object> read) => Assert.ThrowsAny<FormatException>(read).Message;

    [Theory]
    [InlineData(CF8)]
    [InlineData(BigEndian)]
    [InlineData(Version2)]
    public void Given_numpys_float64_files_When_read_Then_the_matrix_is_exact(string file)
    {
        using var dir = new TempDirectory();
        var m = MatrixFile.Read(Save(dir, "A.npy", file));
        Assert.Equal(Matrix<double>.Build.DenseOfArray(A), m);
    }

    [Fact]
    public void Given_a_fortran_ordered_float32_file_When_read_Then_rows_and_columns_are_the_arrays()
    {
        using var dir = new TempDirectory();
        var m = MatrixFile.Read(Save(dir, "At.npy", FortranF4));
        Assert.Equal(Matrix<double>.Build.DenseOfArray(A).Transpose(), m); // every entry is exact in float32
    }

    [Fact]
    public void Given_a_1d_int64_array_When_read_Then_it_is_a_column_and_a_vector()
    {
        using var dir = new TempDirectory();
        var path = Save(dir, "y.npy", Int64);
        var m = MatrixFile.Read(path);
        Assert.Equal((3, 1), (m.RowCount, m.ColumnCount));
        Assert.Equal([3.0, -1.0, 7.0], MatrixFile.ReadVector(path));
    }

    [Fact]
    public void Given_an_npz_archive_When_a_member_is_named_Then_that_array_is_read()
    {
        using var dir = new TempDirectory();
        var path = Save(dir, "data.npz", TwoArrays);
        Assert.Equal(Matrix<double>.Build.DenseOfArray(A), MatrixFile.Read(path + ":X"));
        Assert.Equal([0.5, -0.25], MatrixFile.ReadVector(path + ":y"));
        var single = Save(dir, "one.npz", OneArray);
        Assert.Equal(Matrix<double>.Build.DenseOfArray(A), MatrixFile.Read(single));
    }

    [Fact]
    public void Given_an_npz_archive_When_the_member_is_ambiguous_or_missing_Then_the_message_lists_the_arrays()
    {
        using var dir = new TempDirectory();
        var path = Save(dir, "data.npz", TwoArrays);
        var ambiguous = ErrorOf(() => MatrixFile.Read(path));
        Assert.Contains("2 arrays ('X', 'y')", ambiguous);
        Assert.Contains(":NAME", ambiguous);
        var missing = ErrorOf(() => MatrixFile.Read(path + ":W"));
        Assert.Contains("no array 'W'", missing);
        Assert.Contains("'X', 'y'", missing);
        File.WriteAllText(dir.File("bad.npz"), "not a zip");
        Assert.Contains("not a readable .npz", ErrorOf(() => MatrixFile.Read(dir.File("bad.npz"))));
    }

    [Theory]
    [InlineData(UInt8, "dtype '|u1' is not supported")]
    [InlineData(WithNaN, "row 2, column 1 is NaN")]
    [InlineData(ThreeD, "3 dimensions (shape (2, 2, 2))")]
    public void Given_an_array_that_is_not_a_finite_matrix_When_read_Then_the_message_names_the_problem(string file, string expected)
    {
        using var dir = new TempDirectory();
        var path = Save(dir, "bad.npy", file);
        var message = ErrorOf(() => MatrixFile.Read(path));
        Assert.StartsWith(path + ": ", message);
        Assert.Contains(expected, message);
    }

    [Fact]
    public void Given_a_file_whose_size_disagrees_with_its_header_When_read_Then_it_is_refused_before_the_data()
    {
        using var dir = new TempDirectory();
        var bytes = Convert.FromBase64String(CF8);
        File.WriteAllBytes(dir.File("short.npy"), bytes[..^1]);
        File.WriteAllBytes(dir.File("long.npy"), [.. bytes, 0]);
        Assert.Contains("(the file is truncated)", ErrorOf(() => MatrixFile.Read(dir.File("short.npy"))));
        Assert.Contains("(trailing bytes)", ErrorOf(() => MatrixFile.Read(dir.File("long.npy"))));
        // A header that claims a huge array is refused from its shape alone, without allocating.
        File.WriteAllBytes(dir.File("huge.npy"), Header("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 1000000), }"));
        Assert.Contains("too large", ErrorOf(() => MatrixFile.Read(dir.File("huge.npy"))));
    }

    [Theory]
    [InlineData("{'descr': '<f8', 'shape': (2,), }", "lacks 'fortran_order'")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'extra': 1, }", "unexpected key 'extra'")]
    [InlineData("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (2,), }", "structured arrays")]
    [InlineData("{'descr': '<f8', 'fortran_order': Maybe, 'shape': (2,), }", "expected True or False")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2, -1), }", "tuple of non-negative integers")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", "0 dimensions")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 3), }", "the array is empty")]
    public void Given_a_malformed_header_When_read_Then_the_message_says_what_is_wrong(string dict, string expected)
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("h.npy"), [.. Header(dict), .. new byte[16]]);
        Assert.Contains(expected, ErrorOf(() => MatrixFile.Read(dir.File("h.npy"))));
    }

    [Fact]
    public void Given_a_text_file_named_npy_When_read_Then_the_magic_string_is_missing()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("X.npy"), "1,2,3\n");
        Assert.Contains("magic string", ErrorOf(() => MatrixFile.Read(dir.File("X.npy"))));
    }

    [Fact]
    public void Given_a_matrix_When_written_as_npy_Then_the_bytes_are_numpys_and_read_back_bit_for_bit()
    {
        using var dir = new TempDirectory();
        var a = Matrix<double>.Build.DenseOfArray(A);
        NpyMatrixWriter.WriteFile(dir.File("A.npy"), a);
        Assert.Equal(Convert.FromBase64String(CF8), File.ReadAllBytes(dir.File("A.npy")));

        var random = new FlatLab.Randomness.RandomSource(5);
        var v = Enumerable.Range(0, 20_000).Select(_ => random.NextGaussian() * Math.Exp(30 * random.NextGaussian())).ToArray();
        v[0] = double.Epsilon;
        v[1] = -0.0;
        NpyMatrixWriter.WriteVectorFile(dir.File("v.npy"), v);
        var back = MatrixFile.ReadVector(dir.File("v.npy"));
        Assert.Equal(v.Select(BitConverter.DoubleToInt64Bits), back.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(0, (File.ReadAllBytes(dir.File("v.npy")).Length - 8 * v.Length) % 64); // data aligned as numpy aligns them
    }

    /// <summary>A version 1.0 header around <paramref name="dict"/>, built by hand from the format's description.</summary>
    private static byte[] Header(string dict)
    {
        var text = dict + "\n";
        return [0x93, .. "NUMPY"u8, 1, 0, (byte)(text.Length & 0xFF), (byte)(text.Length >> 8), .. Encoding.ASCII.GetBytes(text)];
    }
}
