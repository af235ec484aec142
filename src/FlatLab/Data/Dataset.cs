using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Data;

/// <summary>A training sample S: features X (n × d) and labels y (n).</summary>
public sealed record Dataset(Matrix<double> Features, double[] Labels)
{
    public int Count => Features.RowCount;
    public int Dimension => Features.ColumnCount;

    public Dataset Validate()
    {
        if (Labels.Length != Features.RowCount)
            throw new ArgumentException($"X has {Features.RowCount} rows but y has {Labels.Length} entries.");
        if (Features.Enumerate().Any(v => !double.IsFinite(v))) throw new ArgumentException("X contains NaN or Inf.");
        if (Labels.Any(v => !double.IsFinite(v))) throw new ArgumentException("y contains NaN or Inf.");
        return this;
    }
}
