using MathNet.Numerics.LinearAlgebra;
using ParquetSharp;

namespace FlatLab.Reporting.Io;

/// <summary>
/// Reads a Parquet file as a matrix: each numeric column is a matrix column, in schema order, and
/// the rows of all row groups are stacked. Integer and float columns are widened to double; nulls,
/// NaN, infinities, non-numeric and nested columns are rejected with a message naming the column.
/// Pages that carry a checksum are verified (<see cref="ParquetFile"/>): a damaged page is an error
/// naming the file and the column, never other numbers.
/// </summary>
public static class ParquetMatrixReader
{
    public static Matrix<double> Read(string path) => ReadAsync(path).GetAwaiter().GetResult();

    /// <summary>The row count and numeric column count from the file's metadata, without reading a page;
    /// null when the file cannot be opened (<see cref="Read"/> then says why).</summary>
    internal static MatrixShape? DeclaredShape(string path)
    {
        try
        {
            using var reader = ParquetFile.Open(path);
            return new MatrixShape(reader.FileMetaData.NumRows, reader.FileMetaData.NumColumns);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Reads the matrix (synchronously: the library reads pages on the calling thread); <paramref name="cancellationToken"/>
    /// is checked between columns.</summary>
    public static Task<Matrix<double>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found.", path);
        ParquetFileReader reader;
        try
        {
            reader = ParquetFile.Open(path);
        }
        catch (InvalidDataException e)
        {
            throw new MatrixFormatException(path, $"not a readable Parquet file ({ParquetFile.Problem(e.InnerException!) ?? e.Message}).");
        }
        using (reader)
        {
            var schema = reader.FileMetaData.Schema;
            var columns = Enumerable.Range(0, schema.NumColumns).Select(schema.Column).ToArray();
            if (columns.Length == 0 || schema.GroupNode.FieldCount != columns.Length)
                throw new MatrixFormatException(path, "expected flat numeric columns only (no nested fields).");
            var types = new Type[columns.Length];
            for (var c = 0; c < columns.Length; c++)
            {
                var type = Tables.ResultsParquet.ElementType(reader, columns[c]);
                var plain = Nullable.GetUnderlyingType(type ?? typeof(void)) ?? type;
                if (plain is null || columns[c].MaxRepetitionLevel != 0 || !IsNumeric(plain))
                    throw new MatrixFormatException(path, $"column '{columns[c].Name}' has type {Tables.ResultsParquet.Describe(columns[c])}; expected a numeric column.");
                types[c] = type!;
            }

            var rows = checked((int)reader.FileMetaData.NumRows);
            if (rows == 0) throw new MatrixFormatException(path, "the file is empty (no rows).");
            var values = new double[checked(rows * columns.Length)]; // column-major, as DenseMatrix stores it
            var offset = 0;
            for (var g = 0; g < reader.FileMetaData.NumRowGroups; g++)
            {
                using var group = reader.RowGroup(g);
                var count = checked((int)group.MetaData.NumRows);
                if (offset + count > rows) throw new MatrixFormatException(path, "its row groups hold more rows than the file declares.");
                for (var c = 0; c < columns.Length; c++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var target = new Memory<double>(values, c * rows + offset, count);
                    var name = columns[c].Name;
                    try
                    {
                        ReadColumn(group, c, types[c], target, name, path);
                    }
                    catch (Exception e) when (ParquetFile.Problem(e) is { } problem)
                    {
                        throw new MatrixFormatException(path, $"column '{name}': {problem}.");
                    }
                }
                offset += count;
            }
            if (offset != rows) throw new MatrixFormatException(path, $"the file declares {rows} rows but its row groups hold {offset}.");
            for (var c = 0; c < columns.Length; c++)
                for (var i = 0; i < rows; i++)
                    if (!double.IsFinite(values[c * rows + i]))
                        throw new MatrixFormatException(path, $"column '{columns[c].Name}', row {i + 1}: {values[c * rows + i]} is not finite (NaN and Inf are not allowed).");
            return Task.FromResult(Matrix<double>.Build.Dense(rows, columns.Length, values));
        }
    }

    private static bool IsNumeric(Type t) =>
        t == typeof(double) || t == typeof(float) || t == typeof(int) || t == typeof(long) || t == typeof(short)
        || t == typeof(sbyte) || t == typeof(byte) || t == typeof(ushort) || t == typeof(uint) || t == typeof(ulong)
        || t == typeof(decimal);

    private static int ReadColumn(RowGroupReader group, int index, Type type, Memory<double> target, string name, string path)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        var nullable = t != type;
        if (t == typeof(double)) return Read<double>(group, index, nullable, target, v => v, name, path);
        if (t == typeof(float)) return Read<float>(group, index, nullable, target, v => v, name, path);
        if (t == typeof(int)) return Read<int>(group, index, nullable, target, v => v, name, path);
        if (t == typeof(long)) return Read<long>(group, index, nullable, target, v => v, name, path);
        if (t == typeof(short)) return Read<short>(group, index, nullable, target, v => v, name, path);
        if (t == typeof(sbyte)) return Read<sbyte>(group, index, nullable, target, v => v, name, path);
        if (t == typeof(byte)) return Read<byte>(group, index, nullable, target, v => v, name, path);
        if (t == typeof(ushort)) return Read<ushort>(group, index, nullable, target, v => v, name, path);
        if (t == typeof(uint)) return Read<uint>(group, index, nullable, target, v => v, name, path);
        if (t == typeof(ulong)) return Read<ulong>(group, index, nullable, target, v => v, name, path);
        return Read<decimal>(group, index, nullable, target, v => (double)v, name, path);
    }

    private static int Read<T>(RowGroupReader group, int index, bool nullable, Memory<double> target,
        Func<T, double> widen, string name, string path) where T : struct
    {
        using var column = group.Column(index);
        var span = target.Span;
        if (nullable)
        {
            var buffer = ParquetFile.ReadAll<T?>(column, target.Length);
            for (var i = 0; i < buffer.Length; i++)
                span[i] = buffer[i] is { } v ? widen(v)
                    : throw new MatrixFormatException(path, $"column '{name}' has a missing (null) value.");
        }
        else
        {
            var buffer = ParquetFile.ReadAll<T>(column, target.Length);
            for (var i = 0; i < buffer.Length; i++) span[i] = widen(buffer[i]);
        }
        return target.Length;
    }
}
