using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Networks;

/// <summary>
/// The parameters θ = (a, W) of f(x; a, W) = Σ_j a_j σ(w_j · x) (docs/model.md §3).
/// </summary>
/// <param name="OuterWeights">a (length m).</param>
/// <param name="InnerWeights">W (m × d) with rows w_j; rows need not have unit norm.</param>
public sealed record NetworkParameters(double[] OuterWeights, Matrix<double> InnerWeights)
{
    public int Width => InnerWeights.RowCount;
    public int Dimension => InnerWeights.ColumnCount;

    public NetworkParameters Validate()
    {
        ArgumentNullException.ThrowIfNull(OuterWeights);
        ArgumentNullException.ThrowIfNull(InnerWeights);
        if (OuterWeights.Length != InnerWeights.RowCount)
            throw new ArgumentException(
                $"W has {InnerWeights.RowCount} rows (neurons) but a has {OuterWeights.Length} entries.");
        if (OuterWeights.Any(v => !double.IsFinite(v))) throw new ArgumentException("a contains NaN or Inf.");
        if (InnerWeights.Enumerate().Any(v => !double.IsFinite(v))) throw new ArgumentException("W contains NaN or Inf.");
        return this;
    }
}
