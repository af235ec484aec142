using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.LinearAlgebra;

/// <summary>
/// Why a row of a matrix has no direction to normalise: non-finite entries, all zeros, or a norm that
/// overflows or underflows although every entry is a finite non-zero number; each named as what it is.
/// </summary>
public static class RowNorms
{
    /// <summary>Null when ‖row j‖₂ (as Math.NET computes it, Σ x² then the square root) is positive and finite;
    /// otherwise the reason, phrased to follow "row j of W".</summary>
    public static string? Fault(Matrix<double> matrix, int row)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var norm = matrix.Row(row).L2Norm();
        if (norm > 0 && double.IsFinite(norm)) return null;
        var largest = 0.0;
        for (var c = 0; c < matrix.ColumnCount; c++)
        {
            var v = matrix[row, c];
            if (!double.IsFinite(v)) return $"contains {v.ToString(CultureInfo.InvariantCulture)} in column {c + 1}";
            largest = Math.Max(largest, Math.Abs(v));
        }
        var entry = largest.ToString("G3", CultureInfo.InvariantCulture);
        if (largest == 0) return "has zero norm (no direction)";
        return double.IsInfinity(norm)
            ? $"has a norm that overflows: the sum of the squares of its entries (largest |entry| = {entry}) exceeds the double range; scale it down"
            : $"has a norm that underflows to 0: the squares of its entries (largest |entry| = {entry}) are below the double range; scale it up";
    }
}
