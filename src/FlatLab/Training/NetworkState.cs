using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Training;

/// <summary>
/// The parameters θ = (a, W) as one flat vector for the optimizers: a (m) then W (m × d,
/// column-major). Vector operations act on both parts at once.
/// </summary>
public sealed class NetworkState
{
    public NetworkState(double[] a, DenseMatrix w)
    {
        if (a.Length != w.RowCount) throw new ArgumentException($"a has {a.Length} entries but W has {w.RowCount} rows.");
        Outer = a;
        Inner = w;
    }

    public double[] Outer { get; }
    public DenseMatrix Inner { get; }
    public int Width => Outer.Length;
    public int Dimension => Inner.ColumnCount;

    public NetworkState Clone() => new((double[])Outer.Clone(), DenseMatrix.OfMatrix(Inner));

    public static NetworkState Zero(int m, int d) => new(new double[m], new DenseMatrix(m, d));

    /// <summary>this += scale · other.</summary>
    public void Add(NetworkState other, double scale)
    {
        for (var j = 0; j < Outer.Length; j++) Outer[j] += scale * other.Outer[j];
        var w = Inner.Values;
        var v = other.Inner.Values;
        for (var i = 0; i < w.Length; i++) w[i] += scale * v[i];
    }

    /// <summary>this *= factor.</summary>
    public void Scale(double factor)
    {
        for (var j = 0; j < Outer.Length; j++) Outer[j] *= factor;
        var w = Inner.Values;
        for (var i = 0; i < w.Length; i++) w[i] *= factor;
    }

    public double Dot(NetworkState other)
    {
        var s = 0.0;
        for (var j = 0; j < Outer.Length; j++) s += Outer[j] * other.Outer[j];
        var w = Inner.Values;
        var v = other.Inner.Values;
        for (var i = 0; i < w.Length; i++) s += w[i] * v[i];
        return s;
    }

    public double Norm() => Math.Sqrt(Dot(this));

    /// <summary>Elementwise product with <paramref name="other"/>, in place.</summary>
    public void Multiply(NetworkState other)
    {
        for (var j = 0; j < Outer.Length; j++) Outer[j] *= other.Outer[j];
        var w = Inner.Values;
        var v = other.Inner.Values;
        for (var i = 0; i < w.Length; i++) w[i] *= v[i];
    }

    /// <summary>Applies f to every entry, in place.</summary>
    public void Map(Func<double, double> f)
    {
        for (var j = 0; j < Outer.Length; j++) Outer[j] = f(Outer[j]);
        var w = Inner.Values;
        for (var i = 0; i < w.Length; i++) w[i] = f(w[i]);
    }

    public bool IsFinite() => Outer.All(double.IsFinite) && Inner.Values.All(double.IsFinite);
}
