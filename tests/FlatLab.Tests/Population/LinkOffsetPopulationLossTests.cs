using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.LinearAlgebra;
using FlatLab.Population;
using FlatLab.Randomness;
using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.Population;

/// <summary>
/// The exact population loss of links with an offset b and a link activation σ* other than the
/// network's σ (docs/model.md §7.4), against a brute-force angular sum in d = 2 and against Monte
/// Carlo in d = 6.
/// </summary>
public sealed class LinkOffsetPopulationLossTests
{
    public static readonly TheoryData<LinkKind, string, string, int, double> Cases = new()
    {
        // link, network σ, link σ*, r, b
        { LinkKind.SingleIndex, "relu", "leaky-relu:0.1", 1, 0.7 },
        { LinkKind.SingleIndex, "relu", "quadratic", 1, -0.4 },           // mixed degrees
        { LinkKind.SingleIndex, "quadratic", "relu", 1, 1.3 },
        { LinkKind.SumSingleIndex, "leaky-relu:0.1", "quadratic", 2, 0.5 },
        { LinkKind.SumSingleIndex, "relu", "relu", 2, -1.1 },
        { LinkKind.Linear, "relu", "relu", 1, -1.0 },
        { LinkKind.Teacher, "abs", "relu", 2, 0.3 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GivenAnOffsetAndALinkActivation_WhenComputedInTwoDimensions_ThenABruteForceAngularSumAgrees(
        LinkKind link, string network, string linkActivation, int rank, double offset)
    {
        var (model, w, a, sigma) = Setup(link, network, linkActivation, rank, offset, d: 2, noise: 0.2, seed: 21);

        var exact = PopulationLoss.Compute(model, w, a, sigma, DenseKernels.Default, new RandomSource(1));
        var (loss, power) = AngularSum(model, w, a, sigma);

        Assert.Equal(PopulationLossMethod.Exact, exact.Method);
        Assert.Equal(power, exact.SignalPower, 1e-9 * Math.Max(1, power));
        Assert.Equal(loss, exact.Loss, 1e-9 * Math.Max(1, loss));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GivenAnOffsetAndALinkActivation_WhenComputed_ThenMonteCarloAgreesWithinFourStandardErrors(
        LinkKind link, string network, string linkActivation, int rank, double offset)
    {
        var (model, w, a, sigma) = Setup(link, network, linkActivation, rank, offset, d: 6, noise: 0.3, seed: 22);

        var exact = PopulationLoss.Compute(model, w, a, sigma, DenseKernels.Default, new RandomSource(1));
        var mc = PopulationLoss.MonteCarlo(model, w, a, sigma, DenseKernels.Default, 200_000, new RandomSource(2));
        var without = PopulationLoss.Compute(model with { Offset = 0 }, w, a, sigma, DenseKernels.Default, new RandomSource(1));

        Assert.True(Math.Abs(exact.Loss - mc.Loss) < 4 * mc.StandardError, $"exact {exact.Loss}, MC {mc.Loss} ± {mc.StandardError}");
        // The offset matters: the case would not detect a forgotten constant term otherwise.
        Assert.True(Math.Abs(exact.Loss - without.Loss) > 20 * mc.StandardError, $"with b: {exact.Loss}, without: {without.Loss}");
        // E[g²] against labels from the data module's own sampler.
        var squares = DataSampler.Sample(model with { NoiseStd = 0 }, 50_000, new RandomSource(3)).Labels.Select(y => y * y).ToArray();
        var mean = squares.Average();
        var se = Math.Sqrt(squares.Sum(v => (v - mean) * (v - mean)) / (squares.Length - 1) / squares.Length);
        Assert.True(Math.Abs(exact.SignalPower - mean) < 4 * se, $"E[g²] exact {exact.SignalPower}, sampled {mean} ± {se}");
    }

    /// <summary>
    /// L_D and E[g²] in d = 2 by the definition: x = R (cos φ, sin φ) with R² ~ χ²₂ independent of the
    /// uniform angle φ, f(x) = Rᵏ F(φ) and g(x) = b + R^{k*} H(φ) by homogeneity, so every term is a
    /// radial moment E Rⁿ = 2^{n/2} Γ(1 + n/2) times an angular mean, taken here by a midpoint sum on
    /// 400 000 angles (error O(h²) at the kinks, about 1e−10).
    /// </summary>
    private static (double Loss, double SignalPower) AngularSum(DataModel model, Matrix<double> w, double[] a, Activation sigma)
    {
        const int count = 400_000;
        var h = model with { Offset = 0, NoiseStd = 0 };
        var k = sigma.K;
        var kStar = model.Link == LinkKind.Linear ? 1 : model.LinkActivation.K;
        double ff = 0, hh = 0, fh = 0, f1 = 0, h1 = 0;
        var x = new double[2];
        for (var i = 0; i < count; i++)
        {
            var phi = 2 * Math.PI * (i + 0.5) / count;
            (x[1], x[0]) = Math.SinCos(phi);
            var f = 0.0;
            for (var j = 0; j < a.Length; j++) f += a[j] * sigma.Value(w[j, 0] * x[0] + w[j, 1] * x[1]);
            var g = h.Target(x);
            ff += f * f; hh += g * g; fh += f * g; f1 += f; h1 += g;
        }
        (ff, hh, fh, f1, h1) = (ff / count, hh / count, fh / count, f1 / count, h1 / count);
        static double Radial(int n) => Math.Pow(2, n / 2.0) * SpecialFunctions.Gamma(1 + n / 2.0);
        var b = model.Offset;
        var power = Radial(2 * kStar) * hh + 2 * b * Radial(kStar) * h1 + b * b;
        var cross = Radial(k + kStar) * fh + b * Radial(k) * f1;
        var loss = power + model.NoiseStd * model.NoiseStd - 2 * cross + Radial(2 * k) * ff;
        return (loss, power);
    }

    private static (DataModel Model, Matrix<double> W, double[] A, Activation Sigma) Setup(
        LinkKind link, string network, string linkActivation, int rank, double offset, int d, double noise, ulong seed)
    {
        var random = new RandomSource(seed);
        var spec = new DataModelSpec(d, rank, link, ActivationParser.Parse(linkActivation), NoiseStd: noise, Offset: new LinkOffsetSpec(offset));
        var model = DataModelFactory.Create(spec, random.Fork("model"));
        var weights = random.Fork("weights");
        const int m = 5;
        var w = Matrix<double>.Build.Dense(m, d, (_, _) => 0.8 * weights.NextGaussian());
        var a = Enumerable.Range(0, m).Select(_ => weights.NextGaussian() / 2).ToArray();
        return (model, w, a, ActivationParser.Parse(network));
    }
}
