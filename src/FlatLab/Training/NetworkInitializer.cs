using FlatLab.Randomness;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Training;

/// <summary>The documented initialisation (docs/optimizers.md §2): w_j ~ N(0, I_d/d), a_j ~ N(0, 1/m) (standard)
/// or N(0, 1/m²) (mean-field), both times a scale.</summary>
public static class NetworkInitializer
{
    public static NetworkState Draw(int m, int d, double scale, RandomSource random) =>
        Draw(m, d, scale, random, Parameterization.Standard);

    public static NetworkState Draw(int m, int d, double scale, RandomSource random, Parameterization parameterization)
    {
        // The same draws for both: mean-field divides a by √m once more, a = α ã with ã ~ N(0, s²).
        var outerDivisor = parameterization == Parameterization.MeanField ? m : Math.Sqrt(m);
        var w = new DenseMatrix(m, d);
        var inner = random.Fork("inner");
        for (var j = 0; j < m; j++)
            for (var c = 0; c < d; c++) w[j, c] = scale * inner.NextGaussian() / Math.Sqrt(d);
        var outer = random.Fork("outer");
        var a = new double[m];
        for (var j = 0; j < m; j++) a[j] = scale * outer.NextGaussian() / outerDivisor;
        return new NetworkState(a, w);
    }
}
