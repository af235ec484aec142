using MathNet.Numerics.LinearAlgebra;
using Parquet;
using Parquet.Schema;

namespace FlatLab.Tests.Reporting;

/// <summary>
/// Writes Parquet files for the readers' tests with writers other than FlatLab's: Parquet.Net (which earlier
/// versions of FlatLab used; it writes no page checksums, like pandas' and pyarrow's defaults) and
/// ParquetSharp with plain, uncompressed pages and checksums on or off.
/// </summary>
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

    /// <summary>
    /// Each matrix column a required double column "c0", "c1", ... in one row group, PLAIN-encoded and
    /// uncompressed (so a page's bytes are the values), with or without page checksums.
    /// </summary>
    public static void WriteWithChecksums(string path, Matrix<double> matrix, bool checksums)
    {
        var columns = Enumerable.Range(0, matrix.ColumnCount).Select(j => (ParquetSharp.Column)new ParquetSharp.Column<double>($"c{j}")).ToArray();
        using var builder = new ParquetSharp.WriterPropertiesBuilder();
        builder.Compression(ParquetSharp.Compression.Uncompressed).DisableDictionary();
        if (checksums) builder.EnablePageChecksum();
        else builder.DisablePageChecksum();
        using var properties = builder.Build();
        using var writer = new ParquetSharp.ParquetFileWriter(path, columns, properties);
        using (var group = writer.AppendRowGroup())
            for (var j = 0; j < matrix.ColumnCount; j++)
            {
                using var column = group.NextColumn().LogicalWriter<double>();
                column.WriteBatch(matrix.Column(j).ToArray());
            }
        writer.Close();
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
