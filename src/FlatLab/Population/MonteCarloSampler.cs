using System.Globalization;
using FlatLab.Data;
using FlatLab.LinearAlgebra;
using FlatLab.Randomness;

namespace FlatLab.Population;

/// <summary>
/// Fresh draws x ~ N(0, I_d), ε ~ N(0, s²) in fixed-size chunks. Chunk i draws from its own
/// stream <c>random.Fork("population-sample/i")</c> and keeps its own moments; the chunks are merged
/// in index order, so results are bit-identical for any number of threads.
/// </summary>
internal static class MonteCarloSampler
{
    public const int ChunkSize = 1024;

    /// <summary>Fills <paramref name="values"/> with the variables to average for one draw.</summary>
    public delegate void Measure(double f, double g, double noise, Span<double> values);

    public static SampleMoments Run(DataModel model, NetworkExpansion network, int samples, RandomSource random,
                                    int variables, Measure measure, IDenseKernels kernels)
    {
        var d = model.Dimension;
        var chunks = (samples + ChunkSize - 1) / ChunkSize;
        var results = new SampleMoments[chunks];
        var quadraticForm = model.Link == LinkKind.QuadraticFeature ? model.QuadraticForm!.ToColumnMajorArray() : null;
        var trace = model.Link == LinkKind.QuadraticFeature ? model.QuadraticForm!.Trace() : 0;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, chunk =>
        {
            var count = Math.Min(ChunkSize, samples - chunk * ChunkSize);
            var stream = random.Fork("population-sample/" + chunk.ToString(CultureInfo.InvariantCulture));
            var x = new double[count * d];
            stream.FillGaussian(x);
            var noise = new double[count];
            if (model.NoiseStd > 0)
                for (var i = 0; i < count; i++) noise[i] = model.NoiseStd * stream.NextGaussian();
            var f = new double[count];
            network.Outputs(x, count, f, kernels);
            var g = quadraticForm is null ? Targets(model, x, count) : QuadraticTargets(model, quadraticForm, trace, x, count, kernels);
            var moments = new SampleMoments(variables);
            Span<double> values = stackalloc double[variables];
            for (var i = 0; i < count; i++)
            {
                measure(f[i], g[i], noise[i], values);
                moments.Add(values);
            }
            results[chunk] = moments;
        });
        var total = new SampleMoments(variables);
        foreach (var r in results) total.Merge(r);
        return total;
    }

    /// <summary>g(x_i) by the model's own per-sample definition (independent of the closed forms).</summary>
    private static double[] Targets(DataModel model, double[] x, int count)
    {
        var d = model.Dimension;
        var g = new double[count];
        for (var i = 0; i < count; i++) g[i] = model.Target(x.AsSpan(i * d, d));
        return g;
    }

    /// <summary>g = σ*(xᵀA x − tr A) with X A by one matrix multiply instead of d² work per sample.</summary>
    internal static double[] QuadraticTargets(DataModel model, double[] a, double trace, double[] x, int count, IDenseKernels kernels)
    {
        var d = model.Dimension;
        var xa = new double[count * d]; // column-major count × d
        kernels.Multiply(true, false, count, d, d, x, a, xa);
        var g = new double[count];
        for (var i = 0; i < count; i++)
        {
            var q = 0.0;
            for (var j = 0; j < d; j++) q += x[i * d + j] * xa[i + j * count];
            g[i] = model.LinkActivation.Value(q - trace);
        }
        return g;
    }
}
