namespace FlatLab.Reporting.Io;

/// <summary>The rows and columns a matrix file declares (see <see cref="MatrixFile.DeclaredShape"/>).</summary>
public sealed record MatrixShape(long Rows, long Columns)
{
    /// <summary>The length of the vector a one-column or one-row matrix holds; null for other shapes.</summary>
    public long? VectorLength => Columns == 1 ? Rows : Rows == 1 ? Columns : null;
}
