using MathNet.Numerics.LinearAlgebra;
using Parquet;
using Parquet.Schema;

namespace FlatLab.Tests.Reporting;

/// <summary>Writes Parquet files with Parquet.Net's own writer, for the reader's tests.</summary>
public static class ParquetTestFiles
{
    /// <summary>Each matrix column a required double column "c0", "c1", ...; rows split into groups.</summary>
    public static void Write(string path, Matrix<double> matrix, int rowGroupSize) =>
        WriteAsync(path, matrix, rowGroupSize).GetAwaiter().GetResult();

    private static async Task WriteAsync(string path, Matrix<double> matrix, int rowGroupSize)
    {
        var fields = Enumerable.Range(0, matrix.ColumnCount).Select(j => new DataField<double>($"c{j}")).ToArray();
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        for (var start = 0; start < matrix.RowCount; start += rowGroupSize)
        {
            var count = Math.Min(rowGroupSize, matrix.RowCount - start);
            using var group = writer.CreateRowGroup();
            for (var j = 0; j < fields.Length; j++)
            {
                var column = new double[count];
                for (var i = 0; i < count; i++) column[i] = matrix[start + i, j];
                await group.WriteAsync<double>(fields[j], column.AsMemory());
            }
        }
    }

    /// <summary>One row group with the given typed columns (arrays of equal length).</summary>
    public static async Task WriteColumnsAsync(string path, params (DataField Field, Func<ParquetRowGroupWriter, DataField, Task> Write)[] columns)
    {
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(columns.Select(c => (Field)c.Field).ToArray()), stream);
        using var group = writer.CreateRowGroup();
        foreach (var (field, write) in columns) await write(group, field);
    }
}
