using System.Buffers.Binary;
using FlatLab.Experiments.Runs;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Reporting.Io;

/// <summary>
/// Writes vectors and matrices as NumPy <c>.npy</c> files (format 1.0, little-endian float64
/// <c>&lt;f8</c>, C order), which <c>numpy.load</c> and <see cref="NpyMatrixReader"/> read back bit for bit.
/// </summary>
public static class NpyMatrixWriter
{
    /// <summary>A vector as a 1-d array of shape (n,).</summary>
    public static void WriteVector(Stream stream, IReadOnlyList<double> vector)
    {
        stream.Write(NpyHeader.Format("<f8", false, [vector.Count]));
        WriteValues(stream, vector.Count, i => vector[i]);
    }

    /// <summary>A matrix as a 2-d array of shape (rows, columns), row by row.</summary>
    public static void Write(Stream stream, Matrix<double> matrix)
    {
        stream.Write(NpyHeader.Format("<f8", false, [matrix.RowCount, matrix.ColumnCount]));
        var columns = matrix.ColumnCount;
        WriteValues(stream, matrix.RowCount * columns, i => matrix[i / columns, i % columns]);
    }

    /// <summary>Writes <paramref name="path"/> atomically (see <see cref="AtomicFileWriter"/>).</summary>
    public static void WriteVectorFile(string path, IReadOnlyList<double> vector) =>
        AtomicFileWriter.Write(path, s => WriteVector(s, vector));

    /// <summary>Writes <paramref name="path"/> atomically (see <see cref="AtomicFileWriter"/>).</summary>
    public static void WriteFile(string path, Matrix<double> matrix) =>
        AtomicFileWriter.Write(path, s => Write(s, matrix));

    private static void WriteValues(Stream stream, int count, Func<int, double> value)
    {
        var buffer = new byte[8 * Math.Min(count, 8192)];
        for (var start = 0; start < count; start += 8192)
        {
            var n = Math.Min(8192, count - start);
            for (var i = 0; i < n; i++) BinaryPrimitives.WriteDoubleLittleEndian(buffer.AsSpan(8 * i, 8), value(start + i));
            stream.Write(buffer, 0, 8 * n);
        }
    }
}
