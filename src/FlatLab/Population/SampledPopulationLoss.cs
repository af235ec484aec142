using System.Globalization;
using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.LinearAlgebra;
using FlatLab.Population;
using FlatLab.Randomness;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using Lanes = System.Numerics.Vector<double>;

namespace FlatLab.Population;

/// <summary>
/// The population loss L_D = E (f(x) − y)² by Monte Carlo where docs/model.md §7's closed forms do not hold:
/// hypercube inputs (docs/theory.md §3), and networks with an inner bias, f(x) = Σ_j a_j σ(w_j·x + b_j),
/// given as W̃ = (W, b) with d + 1 columns. The noise is integrated exactly, L_D = E (f − g)² + s², so
/// the standard error comes from (f − g)² alone. Chunk i draws from the stream
/// <c>random.Fork("sample/i")</c>, and chunks are merged in order, so the result does not depend on the
/// number of threads.
/// </summary>
public static class SampledPopulationLoss
{
    private const int ChunkSize = 1024;

    /// <param name="model">The target g and the noise level s.</param>
    /// <param name="w">W (m × d), or W̃ = (W, b) (m × (d + 1)) for a network with biases; rows of any norm.</param>
    /// <param name="a">a (m).</param>
    /// <param name="sigma">The network's activation.</param>
    /// <param name="samples">The number of fresh inputs, at least 2.</param>
    /// <param name="random">The seeded source; it is forked, never advanced.</param>
    /// <param name="kernels">The dense kernels, chosen by the caller.</param>
    /// <returns>L_D with its standard error; SignalPower is the mean of g² on the same inputs.</returns>
    /// <param name="features">Where the inputs come from.</param>
    public static PopulationLossResult Compute(DataModel model, Matrix<double> w, double[] a, Activation sigma,
        FeatureDistribution features, int samples, RandomSource random, IDenseKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(sigma);
        ArgumentNullException.ThrowIfNull(random);
        if (w.ColumnCount != model.Dimension && w.ColumnCount != model.Dimension + 1)
            throw new ArgumentException(
                $"W has {w.ColumnCount} columns but the model has d = {model.Dimension} (d + 1 with biases).", nameof(w));
        if (a.Length != w.RowCount)
            throw new ArgumentException($"W has {w.RowCount} rows (neurons) but a has {a.Length} entries.", nameof(a));
        if (samples < 2) throw new ArgumentException($"Monte Carlo needs at least 2 samples, got {samples}.", nameof(samples));
        ArgumentNullException.ThrowIfNull(kernels);

        var d = model.Dimension;
        var columns = w.ColumnCount; // d, or d + 1 when the last column holds the biases
        var m = w.RowCount;
        var weights = (w as DenseMatrix ?? DenseMatrix.OfMatrix(w)).Values;
        var chunks = (samples + ChunkSize - 1) / ChunkSize;
        var results = new SampleMoments[chunks];
        Parallel.For(0, chunks, chunk =>
        {
            var count = Math.Min(ChunkSize, samples - chunk * ChunkSize);
            var stream = random.Fork("sample/" + chunk.ToString(CultureInfo.InvariantCulture));
            var x = new double[count * columns]; // column-major count × columns; a bias column of ones
            var row = new double[d];
            var g = new double[count];
            for (var i = 0; i < count; i++)
            {
                if (features == FeatureDistribution.Hypercube) HypercubeSampler.FillSigns(stream, row);
                else stream.FillGaussian(row);
                for (var c = 0; c < d; c++) x[i + c * count] = row[c];
                if (columns > d) x[i + d * count] = 1;
                g[i] = model.Target(row);
            }
            var z = new double[count * m];
            kernels.Multiply(false, true, count, m, columns, x, weights, z);
            // f_i = Σ_j a_j σ(z_ij), summed over j in order for each i (the same bits as a row-by-row loop), a column
            // of z at a time: z is column-major, so walking a row strides by the chunk. Neurons with a_j = 0 add nothing.
            var f = new double[count];
            for (var j = 0; j < m; j++)
            {
                var aj = a[j];
                if (aj == 0) continue;
                AddColumn(f, z.AsSpan(j * count, count), aj, sigma);
            }
            var moments = new SampleMoments(2);
            Span<double> values = stackalloc double[2];
            for (var i = 0; i < count; i++)
            {
                var e = f[i] - g[i];
                values[0] = e * e;
                values[1] = g[i] * g[i];
                moments.Add(values);
            }
            results[chunk] = moments;
        });
        var total = new SampleMoments(2);
        foreach (var r in results) total.Merge(r);
        var noise = model.NoiseStd * model.NoiseStd;
        return new PopulationLossResult(total.Mean(0) + noise, Math.Sqrt(total.Covariance(0, 0) / samples),
            PopulationLossMethod.MonteCarlo, total.Mean(1), noise, samples);
    }

    /// <summary>f_i += a_j σ(z_i) over a column; for k = 1, σ(z) = c₊z or c₋z (σ.Value's products, so the same bits)
    /// a vector of lanes at a time.</summary>
    private static void AddColumn(double[] f, ReadOnlySpan<double> z, double aj, Activation sigma)
    {
        var i = 0;
        if (sigma.K == 1)
        {
            var width = Lanes.Count;
            var (plus, minus, weight) = (new Lanes(sigma.CPlus), new Lanes(sigma.CMinus), new Lanes(aj));
            for (; i <= z.Length - width; i += width)
            {
                var zi = new Lanes(z[i..]);
                var value = System.Numerics.Vector.ConditionalSelect(System.Numerics.Vector.GreaterThanOrEqual(zi, Lanes.Zero), plus * zi, minus * zi);
                (new Lanes(f.AsSpan(i)) + weight * value).CopyTo(f.AsSpan(i));
            }
        }
        for (; i < z.Length; i++) f[i] += aj * sigma.Value(z[i]);
    }
}
