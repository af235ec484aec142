using FlatLab.LinearAlgebra;
using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.Population;
using FlatLab.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.Population;

public sealed class PopulationLossTests
{
    private const int Samples = 200_000;

    public static readonly TheoryData<LinkKind, string, string, int> Cases = new()
    {
        { LinkKind.SingleIndex, "relu", "relu", 1 },
        { LinkKind.SingleIndex, "quadratic", "relu", 1 },        // mixed degrees
        { LinkKind.SumSingleIndex, "leaky-relu:0.1", "leaky-relu:0.1", 3 },
        { LinkKind.Linear, "relu", "relu", 1 },
        { LinkKind.Linear, "quadratic", "relu", 1 },              // quadratic network on a linear link
        { LinkKind.Teacher, "abs", "relu-power:3", 3 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GivenAMultiIndexLink_WhenComputed_ThenItIsExactAndMonteCarloAgreesWithinFourStandardErrors(
        LinkKind link, string network, string linkActivation, int rank)
    {
        var (model, w, a, sigma) = Setup(link, network, linkActivation, rank, noise: 0.3, seed: 11);
        var exact = PopulationLoss.Compute(model, w, a, sigma, DenseKernels.Default, new RandomSource(1));
        var mc = PopulationLoss.MonteCarlo(model, w, a, sigma, DenseKernels.Default, Samples, new RandomSource(2));
        Assert.Equal(PopulationLossMethod.Exact, exact.Method);
        Assert.Equal(0, exact.StandardError);
        Assert.Equal(0, exact.SampleSize);
        Assert.Equal(0.09, exact.NoiseVariance, 1e-15);
        Assert.True(exact.ExcessLoss > 0.05, $"the case should not be trivial: excess {exact.ExcessLoss}");
        Assert.True(Math.Abs(exact.Loss - mc.Loss) < 4 * mc.StandardError,
            $"{link}: exact {exact.Loss}, MC {mc.Loss} ± {mc.StandardError}");
        Assert.Equal(exact.SignalPower, mc.SignalPower);
        // E[g²] against labels drawn by the data module's own sampler.
        var (power, powerSe) = SampledSignalPower(model, 3);
        Assert.True(Math.Abs(exact.SignalPower - power) < 4 * powerSe, $"E[g²] exact {exact.SignalPower}, sampled {power} ± {powerSe}");
    }

    [Fact]
    public void GivenTheQuadraticFeatureLink_WhenComputed_ThenControlledMonteCarloAgreesWithPlainMonteCarlo()
    {
        var (model, w, a, sigma) = Setup(LinkKind.QuadraticFeature, "relu", "relu", 1, noise: 0.2, seed: 12);
        var controlled = PopulationLoss.Compute(model, w, a, sigma, DenseKernels.Default, new RandomSource(1), Samples);
        var plain = PopulationLoss.MonteCarlo(model, w, a, sigma, DenseKernels.Default, Samples, new RandomSource(2));
        Assert.Equal(PopulationLossMethod.MonteCarlo, controlled.Method);
        Assert.Equal(Samples, controlled.SampleSize);
        var se = Math.Sqrt(controlled.StandardError * controlled.StandardError + plain.StandardError * plain.StandardError);
        Assert.True(Math.Abs(controlled.Loss - plain.Loss) < 4 * se, $"controlled {controlled.Loss}, plain {plain.Loss} ± {se}");
        // The noise is integrated exactly and E[f²] is a control variate: never a worse error.
        Assert.True(controlled.StandardError < plain.StandardError);
        var power = PopulationLoss.SignalPower(model, DenseKernels.Default, new RandomSource(3), Samples);
        Assert.Equal(power, plain.SignalPower, 0.05 * power);
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("leaky-relu:0.1")]
    [InlineData("quadratic")]
    [InlineData("relu-power:3")]
    public void GivenTheoremFourReferenceNetwork_WhenComputed_ThenTheLossIsZero(string name)
    {
        // All w_j = t_j u₁ with a_j = t_j^{−k}/m computes f = σ(u₁·x) = g: L_D = 0 exactly.
        var sigma = ActivationParser.Parse(name);
        var model = DataModelFactory.Create(new DataModelSpec(7, 1, LinkKind.SingleIndex, sigma), new RandomSource(4));
        const int m = 9;
        var scales = Enumerable.Range(0, m).Select(j => 0.5 + 0.25 * j).ToArray();
        var w = Matrix<double>.Build.Dense(m, 7, (j, c) => scales[j] * model.Directions[0, c]);
        var a = scales.Select(t => Math.Pow(t, -sigma.K) / m).ToArray();
        var result = PopulationLoss.Compute(model, w, a, sigma, DenseKernels.Default, new RandomSource(5));
        Assert.Equal(PopulationLossMethod.Exact, result.Method);
        Assert.Equal(0, result.Loss, 1e-12);
        Assert.Equal(GaussianMoments.SecondMoment(sigma), result.SignalPower, 1e-13);
    }

    [Fact]
    public void GivenALinearNetworkOnTheLinearLink_WhenComputed_ThenTheLossIsTheSquaredWeightError()
    {
        // f − g = (Σ_j a_j w_j − u₁)·x, so L_D = ‖Σ_j a_j w_j − u₁‖² + s² by hand.
        var (model, w, a, sigma) = Setup(LinkKind.Linear, "linear", "relu", 1, noise: 0.5, seed: 13);
        var diff = w.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(a)) - model.Directions.Row(0);
        var result = PopulationLoss.Compute(model, w, a, sigma, DenseKernels.Default, new RandomSource(1));
        Assert.Equal(diff.DotProduct(diff) + 0.25, result.Loss, 1e-12);
    }

    [Fact]
    public void GivenAReluNetworkOnTheLinearLink_WhenComputed_ThenSteinsLemmaGivesTheCrossTerm()
    {
        // L_D = 1 + s² − 2 Σ_j a_j (w_j·u₁) E relu'(z) + Σ_{j,l} a_j a_l ‖w_j‖‖w_l‖ J₁(θ_jl)/(2π).
        var (model, w, a, sigma) = Setup(LinkKind.Linear, "relu", "relu", 1, noise: 0.1, seed: 14);
        var u = model.Directions.Row(0);
        var cross = Enumerable.Range(0, a.Length).Sum(j => a[j] * w.Row(j).DotProduct(u) * 0.5);
        var power = 0.0;
        for (var j = 0; j < a.Length; j++)
            for (var l = 0; l < a.Length; l++)
            {
                var (nj, nl) = (w.Row(j).L2Norm(), w.Row(l).L2Norm());
                var cosine = Math.Clamp(w.Row(j).DotProduct(w.Row(l)) / (nj * nl), -1, 1);
                power += a[j] * a[l] * nj * nl * GaussianKernels.ArcCosine(1, Math.Acos(cosine)) / (2 * Math.PI);
            }
        var result = PopulationLoss.Compute(model, w, a, sigma, DenseKernels.Default, new RandomSource(1));
        Assert.Equal(1 + 0.01 - 2 * cross + power, result.Loss, 1e-12);
    }

    [Fact]
    public void GivenTheSameSeed_WhenMonteCarloRunsTwice_ThenResultsAreBitIdentical()
    {
        var (model, w, a, sigma) = Setup(LinkKind.QuadraticFeature, "relu", "relu", 1, noise: 0.3, seed: 15);
        var first = PopulationLoss.MonteCarlo(model, w, a, sigma, DenseKernels.Default, 5_000, new RandomSource(9));
        var second = PopulationLoss.MonteCarlo(model, w, a, sigma, DenseKernels.Default, 5_000, new RandomSource(9));
        var other = PopulationLoss.MonteCarlo(model, w, a, sigma, DenseKernels.Default, 5_000, new RandomSource(10));
        Assert.Equal(first, second);
        Assert.NotEqual(first.Loss, other.Loss);
        Assert.Equal(PopulationLoss.Compute(model, w, a, sigma, DenseKernels.Default, new RandomSource(9), 5_000),
                     PopulationLoss.Compute(model, w, a, sigma, DenseKernels.Default, new RandomSource(9), 5_000));
    }

    [Fact]
    public void GivenMismatchedShapesOrTooFewSamples_WhenCalled_ThenItThrowsNamingTheProblem()
    {
        var (model, w, a, sigma) = Setup(LinkKind.SingleIndex, "relu", "relu", 1, noise: 0, seed: 16);
        var wrongWidth = Matrix<double>.Build.Dense(w.RowCount, w.ColumnCount + 1);
        Assert.Contains("columns", Assert.Throws<ArgumentException>(() => PopulationLoss.Compute(model, wrongWidth, a, sigma, DenseKernels.Default, new RandomSource(1))).Message);
        Assert.Contains("entries", Assert.Throws<ArgumentException>(() => PopulationLoss.Compute(model, w, [1.0], sigma, DenseKernels.Default, new RandomSource(1))).Message);
        Assert.Throws<ArgumentException>(() => PopulationLoss.MonteCarlo(model, w, a, sigma, DenseKernels.Default, 1, new RandomSource(1)));
    }

    [Fact]
    public void GivenAZeroInnerWeightRow_WhenComputed_ThenThatNeuronContributesNothing()
    {
        var (model, w, a, sigma) = Setup(LinkKind.SingleIndex, "relu", "relu", 1, noise: 0, seed: 17);
        var withDead = w.Clone();
        withDead.SetRow(0, new double[w.ColumnCount]);
        var dropped = w.RemoveRow(0);
        var expected = PopulationLoss.Compute(model, dropped, a[1..], sigma, DenseKernels.Default, new RandomSource(1)).Loss;
        Assert.Equal(expected, PopulationLoss.Compute(model, withDead, a, sigma, DenseKernels.Default, new RandomSource(1)).Loss, 1e-14);
    }

    /// <summary>A small random case: W has rows of varying norm (exercising homogeneity).</summary>
    internal static (DataModel Model, Matrix<double> W, double[] A, Activation Sigma) Setup(
        LinkKind link, string network, string linkActivation, int rank, double noise, ulong seed)
    {
        const int d = 6, m = 5;
        var random = new RandomSource(seed);
        var model = DataModelFactory.Create(
            new DataModelSpec(d, rank, link, ActivationParser.Parse(linkActivation), NoiseStd: noise), random.Fork("model"));
        var weights = random.Fork("weights");
        var w = Matrix<double>.Build.Dense(m, d, (_, _) => 0.6 * weights.NextGaussian());
        var a = Enumerable.Range(0, m).Select(_ => weights.NextGaussian() / m).ToArray();
        return (model, w, a, ActivationParser.Parse(network));
    }

    private static (double Mean, double StandardError) SampledSignalPower(DataModel model, ulong seed)
    {
        var squares = DataSampler.Sample(model with { NoiseStd = 0 }, 50_000, new RandomSource(seed)).Labels.Select(y => y * y).ToArray();
        var mean = squares.Average();
        var variance = squares.Sum(v => (v - mean) * (v - mean)) / (squares.Length - 1);
        return (mean, Math.Sqrt(variance / squares.Length));
    }
}
