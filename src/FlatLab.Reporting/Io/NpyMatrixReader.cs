using System.Buffers.Binary;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Reporting.Io;

/// <summary>
/// Reads a NumPy <c>.npy</c> file (as <c>numpy.save</c> writes it) as a matrix. The header is checked
/// before any data are read: the dtype must be a float or integer of 4 or 8 bytes in either byte order
/// (<c>&lt;f8</c>, <c>&lt;f4</c>, <c>&lt;i8</c>, <c>&lt;i4</c>, and their <c>&gt;</c> forms), the shape one
/// or two dimensions with at least one element, and the bytes after the header exactly the shape's
/// size. A 1-d array of n values is an n × 1 matrix. C (row-major) and Fortran (column-major) order are
/// both read. NaN and infinite values are rejected, as in the CSV reader.
/// </summary>
public static class NpyMatrixReader
{
    /// <summary>The most values one matrix may hold (the length limit of a .NET array of doubles).</summary>
    public const long MaxValues = 0x7FFFFFC7;

    private static readonly string[] Accepted = ["<f8", "<f4", "<i8", "<i4", ">f8", ">f4", ">i8", ">i4"];

    public static Matrix<double> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found.", path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream, stream.Length, path);
    }

    /// <summary>Reads an array of <paramref name="length"/> bytes (header included) from <paramref name="stream"/>;
    /// <paramref name="sourceName"/> names it in error messages.</summary>
    public static Matrix<double> Read(Stream stream, long length, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = NpyHeader.Read(stream, sourceName);
        var (rows, columns) = Dimensions(header, sourceName);
        var (size, bigEndian, isFloat) = ElementType(header.Descr, sourceName);
        var expected = rows * columns * size;
        var actual = length - header.DataOffset;
        if (actual != expected)
            throw new MatrixFormatException(sourceName,
                $"the header says shape {ShapeText(header.Shape)} of '{header.Descr}' ({expected} bytes) but {actual} bytes follow it "
                + (actual < expected ? "(the file is truncated)." : "(trailing bytes)."));

        var values = new double[rows * columns]; // column-major, as DenseMatrix stores it
        var buffer = new byte[(int)(Math.Min(expected, 1 << 16) / size * size)];
        long index = 0;
        while (index < values.Length)
        {
            var want = (int)Math.Min(buffer.Length, (values.Length - index) * size);
            stream.ReadExactly(buffer, 0, want);
            for (var offset = 0; offset < want; offset += size, index++)
            {
                var v = Decode(buffer.AsSpan(offset, size), bigEndian, isFloat);
                // Element number 'index' in storage order is (row, column) in the array's own order.
                long row, column;
                if (header.FortranOrder) (column, row) = Math.DivRem(index, rows);
                else (row, column) = Math.DivRem(index, columns);
                if (!double.IsFinite(v))
                    throw new MatrixFormatException(sourceName,
                        $"the value at row {row + 1}, column {column + 1} is {v} (NaN and Inf are not allowed).");
                values[row + column * rows] = v;
            }
        }
        return new DenseMatrix((int)rows, (int)columns, values);
    }

    internal static (long Rows, long Columns) Dimensions(NpyHeader header, string source)
    {
        var shape = header.Shape;
        if (shape.Length is 0 or > 2)
            throw new MatrixFormatException(source,
                $"the array has {shape.Length} dimensions (shape {ShapeText(shape)}); expected a vector (n,) or a matrix (rows, columns).");
        var rows = shape[0];
        var columns = shape.Length == 2 ? shape[1] : 1;
        if (rows == 0 || columns == 0)
            throw new MatrixFormatException(source, $"the array is empty (shape {ShapeText(shape)}).");
        if (rows > MaxValues || columns > MaxValues || rows * columns > MaxValues)
            throw new MatrixFormatException(source, $"the array is too large to read (shape {ShapeText(shape)}).");
        return (rows, columns);
    }

    private static (int Size, bool BigEndian, bool IsFloat) ElementType(string descr, string source)
    {
        // '=' is the machine's order; numpy writes '<' or '>' explicitly, but accept it for little-endian machines.
        var d = descr.Length == 3 && descr[0] == '=' && BitConverter.IsLittleEndian ? "<" + descr[1..] : descr;
        if (!Accepted.Contains(d))
            throw new MatrixFormatException(source,
                $"dtype '{descr}' is not supported; expected float64 ('<f8'), float32 ('<f4'), int64 or int32 "
                + "(save with a.astype('<f8') to convert).");
        return (d[2] - '0', d[0] == '>', d[1] == 'f');
    }

    private static double Decode(ReadOnlySpan<byte> bytes, bool bigEndian, bool isFloat) =>
        (bytes.Length, isFloat) switch
        {
            (8, true) => bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(bytes) : BinaryPrimitives.ReadDoubleLittleEndian(bytes),
            (4, true) => bigEndian ? BinaryPrimitives.ReadSingleBigEndian(bytes) : BinaryPrimitives.ReadSingleLittleEndian(bytes),
            (8, false) => bigEndian ? BinaryPrimitives.ReadInt64BigEndian(bytes) : BinaryPrimitives.ReadInt64LittleEndian(bytes),
            _ => bigEndian ? BinaryPrimitives.ReadInt32BigEndian(bytes) : BinaryPrimitives.ReadInt32LittleEndian(bytes),
        };

    private static string ShapeText(long[] shape) =>
        shape.Length == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
}
