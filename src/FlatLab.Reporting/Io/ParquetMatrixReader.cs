using MathNet.Numerics.LinearAlgebra;
using Parquet;
using Parquet.Schema;

namespace FlatLab.Reporting.Io;

/// <summary>
/// Reads a Parquet file as a matrix: each numeric column is a matrix column, in schema order, and
/// the rows of all row groups are stacked. Integer and float columns are widened to double; nulls,
/// NaN, infinities, non-numeric and nested columns are rejected with a message naming the column.
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
            var reader = ParquetReader.CreateAsync(path).GetAwaiter().GetResult();
            try { return new MatrixShape(reader.RowGroups.Sum(g => g.RowCount), reader.Schema.GetDataFields().Length); }
            finally { reader.DisposeAsync().AsTask().GetAwaiter().GetResult(); }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException or NotSupportedException or ArgumentException)
        {
            return null;
        }
    }

    public static async Task<Matrix<double>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found.", path);
        ParquetReader reader;
        try
        {
            reader = await ParquetReader.CreateAsync(path, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new MatrixFormatException(path, $"not a readable Parquet file ({e.Message}).");
        }
        await using (reader.ConfigureAwait(false))
        {
            var fields = reader.Schema.GetDataFields();
            if (fields.Length == 0 || reader.Schema.Fields.Count != fields.Length)
                throw new MatrixFormatException(path, "expected flat numeric columns only (no nested fields).");
            foreach (var field in fields)
                if (field.IsArray || !IsNumeric(field.ClrType))
                    throw new MatrixFormatException(path, $"column '{field.Name}' has type {field.ClrType.Name}; expected a numeric column.");

            var rows = checked((int)reader.RowGroups.Sum(g => g.RowCount));
            if (rows == 0) throw new MatrixFormatException(path, "the file is empty (no rows).");
            var values = new double[rows * fields.Length]; // column-major, as DenseMatrix stores it
            var offset = 0;
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var count = checked((int)group.RowCount);
                for (var c = 0; c < fields.Length; c++)
                {
                    var target = new Memory<double>(values, c * rows + offset, count);
                    await ReadColumnAsync(group, fields[c], target, path, cancellationToken).ConfigureAwait(false);
                }
                offset += count;
            }
            for (var c = 0; c < fields.Length; c++)
                for (var i = 0; i < rows; i++)
                    if (!double.IsFinite(values[c * rows + i]))
                        throw new MatrixFormatException(path, $"column '{fields[c].Name}', row {i + 1}: {values[c * rows + i]} is not finite (NaN and Inf are not allowed).");
            return Matrix<double>.Build.Dense(rows, fields.Length, values);
        }
    }

    private static bool IsNumeric(Type t) =>
        t == typeof(double) || t == typeof(float) || t == typeof(int) || t == typeof(long) || t == typeof(short)
        || t == typeof(sbyte) || t == typeof(byte) || t == typeof(ushort) || t == typeof(uint) || t == typeof(ulong)
        || t == typeof(decimal);

    private static Task ReadColumnAsync(ParquetRowGroupReader group, DataField field, Memory<double> target, string path, CancellationToken ct)
    {
        var t = field.ClrType;
        if (t == typeof(double)) return ReadAsync<double>(group, field, target, v => v, path, ct);
        if (t == typeof(float)) return ReadAsync<float>(group, field, target, v => v, path, ct);
        if (t == typeof(int)) return ReadAsync<int>(group, field, target, v => v, path, ct);
        if (t == typeof(long)) return ReadAsync<long>(group, field, target, v => v, path, ct);
        if (t == typeof(short)) return ReadAsync<short>(group, field, target, v => v, path, ct);
        if (t == typeof(sbyte)) return ReadAsync<sbyte>(group, field, target, v => v, path, ct);
        if (t == typeof(byte)) return ReadAsync<byte>(group, field, target, v => v, path, ct);
        if (t == typeof(ushort)) return ReadAsync<ushort>(group, field, target, v => v, path, ct);
        if (t == typeof(uint)) return ReadAsync<uint>(group, field, target, v => v, path, ct);
        if (t == typeof(ulong)) return ReadAsync<ulong>(group, field, target, v => v, path, ct);
        return ReadAsync<decimal>(group, field, target, v => (double)v, path, ct);
    }

    private static async Task ReadAsync<T>(ParquetRowGroupReader group, DataField field, Memory<double> target,
        Func<T, double> widen, string path, CancellationToken ct) where T : struct
    {
        if (field.IsNullable)
        {
            var buffer = new T?[target.Length];
            await group.ReadAsync<T>(field, buffer.AsMemory(), null, ct).ConfigureAwait(false);
            for (var i = 0; i < buffer.Length; i++)
                target.Span[i] = buffer[i] is { } v ? widen(v)
                    : throw new MatrixFormatException(path, $"column '{field.Name}' has a missing (null) value.");
        }
        else
        {
            var buffer = new T[target.Length];
            await group.ReadAsync<T>(field, buffer.AsMemory(), null, ct).ConfigureAwait(false);
            for (var i = 0; i < buffer.Length; i++) target.Span[i] = widen(buffer[i]);
        }
    }
}
