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

    /// <summary>
    /// The shape a file declares before its values: an <c>.npy</c> header, or a Parquet file's row count and
    /// schema; null for formats whose size shows only by reading them (CSV, <c>.npz</c>). Lets a caller compare
    /// sizes across files before reading a body that may be huge.
    /// </summary>
    public static MatrixShape? DeclaredShape(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) return null; // Read names the missing file
        if (IsNpy(path))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
            var (rows, columns) = NpyMatrixReader.Dimensions(NpyHeader.Read(stream, path), path);
            return new MatrixShape(rows, columns);
        }
        return IsParquet(path) ? ParquetMatrixReader.DeclaredShape(path) : null;
    }

    /// <summary>A vector stored as one column or one row.</summary>
    public static double[] ReadVector(string path) => ToVector(Read(path), path);

    internal static double[] ToVector(Matrix<double> matrix, string path) =>
        matrix.ColumnCount == 1 ? matrix.Column(0).ToArray()
        : matrix.RowCount == 1 ? matrix.Row(0).ToArray()
        : throw new MatrixFormatException(path,
            $"expected one column or one row, got {matrix.RowCount} rows of {matrix.ColumnCount} values.");
}
