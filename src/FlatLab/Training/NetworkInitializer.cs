using FlatLab.Randomness;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Training;

/// <summary>The documented initialisation: w_j ~ N(0, I_d/d), a_j ~ N(0, 1/m), both times a scale.</summary>
public static class NetworkInitializer
{
    public static NetworkState Draw(int m, int d, double scale, RandomSource random)
    {
        var w = new DenseMatrix(m, d);
        var inner = random.Fork("inner");
        for (var j = 0; j < m; j++)
            for (var c = 0; c < d; c++) w[j, c] = scale * inner.NextGaussian() / Math.Sqrt(d);
        var outer = random.Fork("outer");
        var a = new double[m];
        for (var j = 0; j < m; j++) a[j] = scale * outer.NextGaussian() / Math.Sqrt(m);
        return new NetworkState(a, w);
    }
}
