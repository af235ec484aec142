using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Reporting.Io;

/// <summary>Reads a matrix or vector from CSV, or from Parquet when the name ends in <c>.parquet</c>.</summary>
public static class MatrixFile
{
    public static bool IsParquet(string path) => path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    public static Matrix<double> Read(string path) =>
        IsParquet(path) ? ParquetMatrixReader.Read(path) : CsvMatrixReader.Read(path);

    /// <summary>A vector stored as one column or one row.</summary>
    public static double[] ReadVector(string path) => ToVector(Read(path), path);

    internal static double[] ToVector(Matrix<double> matrix, string path) =>
        matrix.ColumnCount == 1 ? matrix.Column(0).ToArray()
        : matrix.RowCount == 1 ? matrix.Row(0).ToArray()
        : throw new MatrixFormatException(path,
            $"expected one column or one row, got {matrix.RowCount} rows of {matrix.ColumnCount} values.");
}
