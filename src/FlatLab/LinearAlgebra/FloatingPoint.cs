namespace FlatLab.LinearAlgebra;

/// <summary>Properties of IEEE double arithmetic that numerical thresholds are stated in.</summary>
public static class FloatingPoint
{
    /// <summary>The unit roundoff u = 2^−53 of double: |fl(x) − x| ≤ u |x|. Not
    /// <see cref="double.Epsilon"/>, which is the smallest subnormal.</summary>
    public const double UnitRoundoff = 1.1102230246251565e-16;
}
