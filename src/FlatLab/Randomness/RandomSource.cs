using System.Text;

namespace FlatLab.Randomness;

/// <summary>
/// A seeded xoshiro256** generator whose sequence the project defines (System.Random's seeded
/// sequence is not guaranteed across .NET versions). Not thread-safe: give each case its own.
/// </summary>
public sealed class RandomSource
{
    private ulong _s0, _s1, _s2, _s3;
    private double? _spareGaussian;

    public RandomSource(ulong seed)
    {
        Seed = seed;
        var sm = seed;
        _s0 = SplitMix64(ref sm);
        _s1 = SplitMix64(ref sm);
        _s2 = SplitMix64(ref sm);
        _s3 = SplitMix64(ref sm);
    }

    public ulong Seed { get; }

    /// <summary>A seed for the stream named <paramref name="key"/> under <paramref name="seed"/>:
    /// independent of the order and the thread in which streams are created.</summary>
    public static ulong DeriveSeed(ulong seed, string key)
    {
        var h = 14695981039346656037UL; // FNV-1a over the UTF-8 key, then mixed with the seed.
        foreach (var b in Encoding.UTF8.GetBytes(key)) h = (h ^ b) * 1099511628211UL;
        var x = seed ^ (h * 0x9E3779B97F4A7C15UL);
        return SplitMix64(ref x);
    }

    /// <summary>A child generator for the stream named <paramref name="key"/>.</summary>
    public RandomSource Fork(string key) => new(DeriveSeed(Seed, key));

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal deviate (Marsaglia's polar method).</summary>
    public double NextGaussian()
    {
        if (_spareGaussian is { } spare)
        {
            _spareGaussian = null;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        var f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * f;
        return u * f;
    }

    public void FillGaussian(Span<double> target)
    {
        for (var i = 0; i < target.Length; i++) target[i] = NextGaussian();
    }

    /// <summary>A vector uniform on the unit sphere of R^dimension.</summary>
    public double[] UnitVector(int dimension)
    {
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Dimension must be at least 1.");
        var v = new double[dimension];
        double norm;
        do
        {
            FillGaussian(v);
            norm = Math.Sqrt(v.Sum(x => x * x));
        } while (norm == 0);
        for (var i = 0; i < v.Length; i++) v[i] /= norm;
        return v;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
