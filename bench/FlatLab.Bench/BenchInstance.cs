using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.InnerWeights;
using FlatLab.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Bench;

/// <summary>
/// One benchmark instance: x ~ N(0, I_d), y = σ(u·x) + 0.1 ε with the network's own activation,
/// and m inner weights with |w_j·u| = 0.5; optionally with duplicated samples, so that rank Φ &lt; n.
/// </summary>
public sealed record BenchInstance(int N, int M, int D, Activation Activation, Matrix<double> X, double[] Y, Matrix<double> W, ulong Seed)
{
    /// <summary>The number of samples that repeat an earlier one (features and label): rank Φ = n − this.</summary>
    public int Duplicates { get; init; }

    /// <summary>The rank of Φ by construction (n − duplicates; the full-rank instances have rank n).</summary>
    public int Rank => N - Duplicates;

    /// <summary>The last <paramref name="count"/> samples replaced by copies of the first ones: a consistent
    /// system of rank n − count, which takes the solver's rank-revealing path.</summary>
    public BenchInstance WithDuplicatedSamples(int count)
    {
        var x = X.Clone();
        var y = Y.ToArray();
        for (var k = 0; k < count; k++)
        {
            x.SetRow(N - count + k, X.Row(k));
            y[N - count + k] = Y[k];
        }
        return this with { X = x, Y = y, Duplicates = count };
    }

    public const double NoiseStd = 0.1;
    public const double Correlation = 0.5;

    /// <summary>n samples, m = 2n neurons, d = ⌊n/4⌋; the seed is derived from the sweep seed, n and the activation.</summary>
    public static BenchInstance Create(int n, Activation activation, ulong sweepSeed)
    {
        var seed = RandomSource.DeriveSeed(sweepSeed, $"n={n};activation={activation.Name}");
        var random = new RandomSource(seed);
        var d = n / 4;
        var m = 2 * n;
        var model = DataModelFactory.Create(
            new DataModelSpec(d, 1, LinkKind.SingleIndex, activation, NoiseStd: NoiseStd), random.Fork("model"));
        var data = DataSampler.Sample(model, n, random.Fork("sample"));
        var w = CorrelatedWeights.Sample(model.Directions, m, Correlation, random.Fork("inner-weights"));
        return new BenchInstance(n, m, d, activation, data.Features, data.Labels, w, seed);
    }
}
