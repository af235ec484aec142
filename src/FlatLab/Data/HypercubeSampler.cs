using FlatLab.Population;
using FlatLab.Data;
using FlatLab.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Data;

/// <summary>
/// Draws n labelled samples with features uniform on the hypercube {−1, 1}^d instead of N(0, I_d):
/// y = model.Target(x) + ε, ε ~ N(0, s²), with the same <see cref="DataModel"/> as the Gaussian sampler.
/// The coordinates are independent with mean 0 and variance 1, like the Gaussian's, but the closed-form
/// population losses of docs/model.md §7 assume Gaussian x and do not apply: use
/// <see cref="SampledPopulationLoss.Compute"/> (docs/theory.md §3).
/// </summary>
public static class HypercubeSampler
{
    public static Dataset Sample(DataModel model, int n, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(random);
        if (n < 1) throw new ArgumentException($"Sample size n must be >= 1, got {n}.", nameof(n));
        var d = model.Dimension;
        var x = Matrix<double>.Build.Dense(n, d);
        var y = new double[n];
        var row = new double[d];
        for (var i = 0; i < n; i++)
        {
            FillSigns(random, row);
            for (var j = 0; j < d; j++) x[i, j] = row[j];
            y[i] = model.Target(row);
        }
        // The noise comes after every x, as in DataSampler, so the features do not depend on s.
        if (model.NoiseStd > 0)
            for (var i = 0; i < n; i++) y[i] += model.NoiseStd * random.NextGaussian();
        return new Dataset(x, y);
    }

    /// <summary>Independent uniform signs ±1, one generator draw each (its top bit).</summary>
    internal static void FillSigns(RandomSource random, Span<double> target)
    {
        for (var j = 0; j < target.Length; j++) target[j] = (random.NextUInt64() >> 63) == 0 ? -1.0 : 1.0;
    }
}
