using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Reporting.Io;

/// <summary>
/// Reads a matrix written as plain comma-separated numbers without a header, one row per line,
/// as <c>numpy.savetxt(f, a, delimiter=',')</c> writes it. Numbers are parsed in the invariant
/// culture; blank lines and lines starting with <c>#</c> (numpy's header and comment lines) are
/// skipped. NaN and infinite values are rejected: no computation here has a use for them. A line longer
/// than <see cref="BoundedLineReader.MaxLineLength"/> characters is refused before it fills memory.
/// </summary>
public static class CsvMatrixReader
{
    public static Matrix<double> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found.", path);
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads from <paramref name="reader"/>; <paramref name="sourceName"/> names it in error messages.</summary>
    public static Matrix<double> Read(TextReader reader, string sourceName)
    {
        var values = new List<double>();
        var columns = 0;
        var rows = 0;
        var firstLine = 0;
        var lineNumber = 0;
        var lines = new BoundedLineReader(reader, sourceName);
        while (lines.ReadLine() is { } line)
        {
            lineNumber++;
            var text = line.AsSpan().Trim();
            if (text.IsEmpty || text[0] == '#') continue;
            var count = ParseLine(text, values, sourceName, lineNumber);
            if (rows == 0)
            {
                columns = count;
                firstLine = lineNumber;
            }
            else if (count != columns)
            {
                throw new MatrixFormatException(sourceName,
                    $"{count} values but line {firstLine} has {columns} (ragged rows).", lineNumber);
            }
            rows++;
        }
        if (rows == 0) throw new MatrixFormatException(sourceName, "the file is empty (no numbers).");
        return Matrix<double>.Build.DenseOfRowMajor(rows, columns, values);
    }

    /// <summary>
    /// Reads a vector stored as one column (n lines) or one row (one line of n values).
    /// </summary>
    public static double[] ReadVector(string path) => MatrixFile.ToVector(Read(path), path);

    private static int ParseLine(ReadOnlySpan<char> text, List<double> values, string source, int lineNumber)
    {
        var column = 0;
        while (true)
        {
            column++;
            var comma = text.IndexOf(',');
            var token = (comma < 0 ? text : text[..comma]).Trim();
            values.Add(ParseValue(token, source, lineNumber, column));
            if (comma < 0) return column;
            text = text[(comma + 1)..];
        }
    }

    private static double ParseValue(ReadOnlySpan<char> token, string source, int line, int column)
    {
        if (token.IsEmpty)
            throw new MatrixFormatException(source, "empty value (two commas in a row, or a trailing comma).", line, column);
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            if (LooksNonFinite(token))
                throw new MatrixFormatException(source, $"'{token}' is not finite (NaN and Inf are not allowed).", line, column);
            var hint = token.IndexOfAny(" \t;") >= 0 ? " (values must be separated by commas)" : "";
            throw new MatrixFormatException(source, $"'{Shorten(token)}' is not a number{hint}.", line, column);
        }
        if (!double.IsFinite(v))
            throw new MatrixFormatException(source, $"'{token}' is not finite (NaN and Inf are not allowed).", line, column);
        return v;
    }

    private static bool LooksNonFinite(ReadOnlySpan<char> token)
    {
        var t = token.TrimStart("+-");
        return t.Equals("nan", StringComparison.OrdinalIgnoreCase)
            || t.Equals("inf", StringComparison.OrdinalIgnoreCase)
            || t.Equals("infinity", StringComparison.OrdinalIgnoreCase);
    }

    private static string Shorten(ReadOnlySpan<char> token) =>
        token.Length <= 40 ? token.ToString() : string.Concat(token[..37], "...");
}
