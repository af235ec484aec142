using FlatLab.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Data;

/// <summary>Draws n labelled samples from a data model (docs/model.md §1).</summary>
public static class DataSampler
{
    public static Dataset Sample(DataModel model, int n, RandomSource random)
    {
        if (n < 1) throw new ArgumentException($"Sample size n must be >= 1, got {n}.");
        var d = model.Dimension;
        var x = Matrix<double>.Build.Dense(n, d);
        var y = new double[n];
        var row = new double[d];
        for (var i = 0; i < n; i++)
        {
            random.FillGaussian(row);
            for (var j = 0; j < d; j++) x[i, j] = row[j];
            y[i] = model.Target(row);
        }
        if (model.NoiseStd > 0)
            for (var i = 0; i < n; i++) y[i] += model.NoiseStd * random.NextGaussian();
        return new Dataset(x, y);
    }
}
