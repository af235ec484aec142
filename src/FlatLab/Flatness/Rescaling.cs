using FlatLab.Networks;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Flatness;

/// <summary>
/// The rescaling symmetry of a k-homogeneous network (docs/model.md §4): for t_j &gt; 0,
/// w_j → t_j w_j and a_j → t_j^{−k} a_j leave f, L_S and L_D unchanged but change F.
/// </summary>
public static class Rescaling
{
    /// <summary>The network (t_j^{−k} a_j, t_j w_j) for scales t (length m, every t_j &gt; 0 and finite).</summary>
    public static NetworkParameters Apply(double[] a, Matrix<double> w, double[] t, int k)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(t);
        if (k < 1) throw new ArgumentException($"The homogeneity degree k must be >= 1, got {k}.", nameof(k));
        if (a.Length != w.RowCount)
            throw new ArgumentException($"W has {w.RowCount} rows (neurons) but a has {a.Length} entries.", nameof(a));
        if (t.Length != w.RowCount)
            throw new ArgumentException($"W has {w.RowCount} rows (neurons) but there are {t.Length} scales.", nameof(t));
        for (var j = 0; j < t.Length; j++)
            if (!(t[j] > 0) || !double.IsFinite(t[j]))
                throw new ArgumentException($"Scale t_{j + 1} must be finite and > 0, got {t[j]}.", nameof(t));

        var scaledW = Matrix<double>.Build.Dense(w.RowCount, w.ColumnCount, (j, c) => t[j] * w[j, c]);
        var scaledA = a.Select((aj, j) => aj * Math.Pow(t[j], -k)).ToArray();
        return new NetworkParameters(scaledA, scaledW);
    }
}
