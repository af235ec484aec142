using System.Globalization;
using System.Text;
using FlatLab.Experiments.Runs;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Reporting.Io;

/// <summary>
/// Writes matrices and vectors as plain comma-separated numbers without a header, one row per
/// line, in the invariant culture: the format <see cref="CsvMatrixReader"/> and numpy's
/// <c>loadtxt(f, delimiter=',')</c> read.
/// </summary>
public static class CsvMatrixWriter
{
    /// <summary>numpy.savetxt's default "%.18e": 19 significant digits (enough to round-trip), a
    /// lower-case 'e' and at least two exponent digits, e.g. <c>-1.250000000000000000e-03</c>.</summary>
    public const string NumpyFormat = "%.18e";

    /// <summary>The shortest text that parses back to the same double.</summary>
    public const string RoundTripFormat = "R";

    public static void Write(TextWriter writer, Matrix<double> matrix, string format = NumpyFormat)
    {
        var line = new StringBuilder();
        for (var i = 0; i < matrix.RowCount; i++)
        {
            line.Clear();
            for (var j = 0; j < matrix.ColumnCount; j++)
            {
                if (j > 0) line.Append(',');
                line.Append(Format(matrix[i, j], format));
            }
            writer.Write(line.Append('\n'));
        }
    }

    /// <summary>A vector as one column: one value per line.</summary>
    public static void WriteVector(TextWriter writer, IReadOnlyList<double> vector, string format = NumpyFormat)
    {
        foreach (var v in vector) writer.Write(Format(v, format) + "\n");
    }

    /// <summary>Writes <paramref name="path"/> atomically (see <see cref="AtomicFileWriter"/>).</summary>
    public static void WriteFile(string path, Matrix<double> matrix, string format = NumpyFormat) =>
        AtomicFileWriter.WriteText(path, w => Write(w, matrix, format));

    /// <summary>Writes <paramref name="path"/> atomically, one value per line.</summary>
    public static void WriteVectorFile(string path, IReadOnlyList<double> vector, string format = NumpyFormat) =>
        AtomicFileWriter.WriteText(path, w => WriteVector(w, vector, format));

    /// <summary><paramref name="value"/> in <see cref="NumpyFormat"/> or a .NET numeric format, invariant culture.</summary>
    public static string Format(double value, string format) =>
        format == NumpyFormat ? FormatNumpy(value) : value.ToString(format, CultureInfo.InvariantCulture);

    // .NET's custom formats stop at 15 significant digits; "E18" is exact but writes "E-003".
    private static string FormatNumpy(double value)
    {
        var s = value.ToString("E18", CultureInfo.InvariantCulture);
        var e = s.IndexOf('E');
        var exponent = s.AsSpan(e + 2).TrimStart('0');
        var digits = exponent.Length >= 2 ? exponent.ToString() : exponent.ToString().PadLeft(2, '0');
        return string.Concat(s.AsSpan(0, e), "e", s.AsSpan(e + 1, 1), digits);
    }
}
