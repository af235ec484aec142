using FlatLab.Activations;
using FlatLab.Randomness;

namespace FlatLab.Tests.Population;

/// <summary>Plain Monte Carlo for E[σ₁(z₁) σ₂(z₂)] with z₂ = c z₁ + √(1 − c²) ξ: mean and standard error.</summary>
internal static class KernelMonteCarlo
{
    public static (double Mean, double StandardError) Estimate(Activation s1, Activation s2, double cosine, int samples, ulong seed)
    {
        var random = new RandomSource(seed);
        var s = Math.Sqrt(1 - cosine * cosine);
        double sum = 0, sumSq = 0;
        for (var i = 0; i < samples; i++)
        {
            var z1 = random.NextGaussian();
            var z2 = cosine * z1 + s * random.NextGaussian();
            var v = s1.Value(z1) * s2.Value(z2);
            sum += v;
            sumSq += v * v;
        }
        var mean = sum / samples;
        var variance = (sumSq - samples * mean * mean) / (samples - 1);
        return (mean, Math.Sqrt(variance / samples));
    }
}
