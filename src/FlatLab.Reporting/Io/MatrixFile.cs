using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Reporting.Io;

/// <summary>
/// Reads a matrix or vector by its file name: <c>.npy</c> (NumPy), <c>.npz</c> or <c>.npz:NAME</c>
/// (one array of a NumPy archive), <c>.parquet</c>, and CSV for any other name.
/// </summary>
public static class MatrixFile
{
    public static bool IsParquet(string path) => path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    public static bool IsNpy(string path) => path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase);

    public static Matrix<double> Read(string path) =>
        IsNpy(path) ? NpyMatrixReader.Read(path)
        : NpzMatrixReader.IsNpz(path) ? NpzMatrixReader.Read(path)
        : IsParquet(path) ? ParquetMatrixReader.Read(path)
        : CsvMatrixReader.Read(path);

    /// <summary>A vector stored as one column or one row.</summary>
    public static double[] ReadVector(string path) => ToVector(Read(path), path);

    internal static double[] ToVector(Matrix<double> matrix, string path) =>
        matrix.ColumnCount == 1 ? matrix.Column(0).ToArray()
        : matrix.RowCount == 1 ? matrix.Row(0).ToArray()
        : throw new MatrixFormatException(path,
            $"expected one column or one row, got {matrix.RowCount} rows of {matrix.ColumnCount} values.");
}
