using FlatLab.LinearAlgebra;
using FlatLab.Activations;
using FlatLab.Flatness;
using FlatLab.Networks;
using FlatLab.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.Flatness;

public sealed class OrbitMinimumTests
{
    private static (Matrix<double> X, double[] Y, double[] A, Matrix<double> W) Interpolator(Activation sigma, RandomSource random,
                                                                                              int n = 15, int d = 4, int m = 6)
    {
        var x = NaiveNetwork.Gaussian(n, d, random);
        var w = NaiveNetwork.Gaussian(m, d, random);
        for (var j = 0; j < m; j++) w.SetRow(j, w.Row(j) * ((0.5 + 1.5 * random.NextDouble()) / w.Row(j).L2Norm())); // norms in [0.5, 2]
        var a = NaiveNetwork.Gaussian(m, random);
        return (x, NaiveNetwork.Outputs(x, a, w, sigma), a, w); // y = f(x): an interpolator by construction
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("leaky-relu:0.1")]
    [InlineData("abs")]
    [InlineData("quadratic")]
    [InlineData("relu-power:3")]
    public void GivenAnInterpolator_WhenOrbitMinimumComputed_ThenMatchesBruteForceGoldenSectionOverLogScales(string name)
    {
        var sigma = ActivationParser.Parse(name);
        var (x, y, a, w) = Interpolator(sigma, new RandomSource(99).Fork(name));
        var m = a.Length;

        var result = OrbitMinimum.Compute(x, a, w, sigma, DenseKernels.Default);

        // Brute force on the full trace, one neuron at a time (the others held at t = 1): F is a sum of
        // positive exponentials in s = log t_j, hence unimodal, so golden section finds the minimiser.
        double TraceAt(double[] t)
        {
            var p = Rescaling.Apply(a, w, t, sigma.K);
            return HessianTrace.Compute(x, y, p.OuterWeights, p.InnerWeights, sigma, DenseKernels.Default).Trace;
        }
        var brute = new double[m];
        for (var j = 0; j < m; j++)
        {
            var jj = j;
            brute[j] = Math.Exp(NumericChecks.GoldenSection(s =>
            {
                var t = Enumerable.Repeat(1.0, m).ToArray();
                t[jj] = Math.Exp(s);
                return TraceAt(t);
            }, -8, 8, 1e-10));
        }

        // F is flat at its minimum, so s (hence t) is only determined to about √(rounding) ≈ 1e-7.
        for (var j = 0; j < m; j++) Assert.Equal(brute[j], result.Scales[j], 1e-5 * brute[j]);
        var bruteMin = TraceAt(brute);
        Assert.Equal(bruteMin, result.FlatnessMin, 1e-9 * bruteMin);
        // The closed-form minimiser is a point of the orbit whose trace is F_min.
        var atMinimiser = HessianTrace.Compute(x, y, result.Minimiser.OuterWeights, result.Minimiser.InnerWeights, sigma, DenseKernels.Default);
        Assert.Equal(result.FlatnessMin, atMinimiser.Trace, 1e-10 * result.FlatnessMin);
        Assert.True(atMinimiser.EmpiricalLoss < 1e-24, "Rescaling must keep the interpolator interpolating.");
        Assert.True(result.FlatnessMin < HessianTrace.Compute(x, y, a, w, sigma, DenseKernels.Default).Trace);
        Assert.Equal(result.FlatnessMin, result.Contributions.Sum(), 1e-14 * result.FlatnessMin);
    }

    [Theory]
    [InlineData("relu", 1.0)]
    [InlineData("quadratic", 4.0 / 3.0)]
    [InlineData("relu-power:3", 1.5)]
    public void GivenScaledOuterWeights_WhenOrbitMinimumComputed_ThenGrowsAsTheLpNormToThePowerP(string name, double p)
    {
        var sigma = ActivationParser.Parse(name);
        var (x, _, a, w) = Interpolator(sigma, new RandomSource(4).Fork(name));
        var f1 = OrbitMinimum.Compute(x, a, w, sigma, DenseKernels.Default).FlatnessMin;
        var f3 = OrbitMinimum.Compute(x, a.Select(v => 3 * v).ToArray(), w, sigma, DenseKernels.Default).FlatnessMin;
        Assert.Equal(Math.Pow(3, p), f3 / f1, 1e-12);
    }

    [Fact]
    public void GivenRescaledNetwork_WhenOrbitMinimumComputed_ThenSameMinimumAndSameMinimiser()
    {
        var sigma = ActivationParser.Parse("quadratic");
        var (x, _, a, w) = Interpolator(sigma, new RandomSource(12));
        var t = Enumerable.Range(0, a.Length).Select(j => 0.5 + 0.3 * j).ToArray();
        var moved = Rescaling.Apply(a, w, t, sigma.K);

        var r0 = OrbitMinimum.Compute(x, a, w, sigma, DenseKernels.Default);
        var r1 = OrbitMinimum.Compute(x, moved.OuterWeights, moved.InnerWeights, sigma, DenseKernels.Default);

        Assert.Equal(r0.FlatnessMin, r1.FlatnessMin, 1e-12 * r0.FlatnessMin);
        for (var j = 0; j < a.Length; j++)
        {
            Assert.Equal(r0.Minimiser.OuterWeights[j], r1.Minimiser.OuterWeights[j], 1e-10 * Math.Abs(r0.Minimiser.OuterWeights[j]));
            Assert.Equal(t[j] * r1.Scales[j], r0.Scales[j], 1e-12 * r0.Scales[j]);
        }
    }

    [Fact]
    public void GivenDeadNeuronAndZeroOuterWeight_WhenOrbitMinimumComputed_ThenTheyContributeNothingWithUnitScale()
    {
        var sigma = ActivationParser.Parse("relu");
        var random = new RandomSource(8);
        const int n = 12, d = 3;
        var x = NaiveNetwork.Gaussian(n, d, random);
        for (var i = 0; i < n; i++) x[i, 0] = Math.Abs(x[i, 0]) + 0.1;  // every sample has x_0 > 0
        var w = NaiveNetwork.Gaussian(4, d, random);
        w.SetRow(1, new double[] { -1, 0, 0 });                          // dead on every sample
        var a = new[] { 0.7, 2.0, 0.0, -1.3 };                          // neuron 3 has a_3 = 0

        var result = OrbitMinimum.Compute(x, a, w, sigma, DenseKernels.Default);

        Assert.Equal(0.0, result.Contributions[1]);
        Assert.Equal(0.0, result.Contributions[2]);
        Assert.Equal(1.0, result.Scales[1]);
        Assert.Equal(1.0, result.Scales[2]);
        var alive = OrbitMinimum.Compute(x, [0.7, -1.3], w.SubMatrix(0, 1, 0, d).Stack(w.SubMatrix(3, 1, 0, d)), sigma, DenseKernels.Default);
        Assert.Equal(alive.FlatnessMin, result.FlatnessMin, 1e-14 * alive.FlatnessMin);
    }
}
