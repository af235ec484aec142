using FlatLab.Activations;
using FlatLab.Flatness;
using FlatLab.LinearAlgebra;
using FlatLab.Randomness;
using MathNet.Numerics.LinearAlgebra;
using Xunit.Abstractions;

namespace FlatLab.Tests.Flatness;

public sealed class HessianTraceTests(ITestOutputHelper output)
{
    public static TheoryData<string> Activations => new() { "quadratic", "relu-power:3", "relu-power:2", "odd-power:3", "relu", "leaky-relu:0.2", "abs" };

    [Theory]
    [MemberData(nameof(Activations))]
    public void GivenNonInterpolatingParameters_WhenTraceComputed_ThenMatchesFiniteDifferenceHessianTrace(string name)
    {
        var sigma = ActivationParser.Parse(name);
        var random = new RandomSource(20240601).Fork(name);
        const int n = 12, d = 4, m = 5;
        var x = NaiveNetwork.Gaussian(n, d, random);
        var w = NaiveNetwork.Gaussian(m, d, random, 0.7); // rows deliberately not unit norm
        var a = NaiveNetwork.Gaussian(m, random);
        var y = NaiveNetwork.Gaussian(n, random);         // independent labels: r_i ≠ 0

        // Changing W_jc by h moves z_ij by h·x_ic. Keeping h|x_ic| below a tenth of min |z_ij| means no
        // step crosses a kink of σ (k = 1 and relu-power), where the second difference would pick up the
        // jump of σ' or σ'' instead of the almost-everywhere Hessian. Between kinks L_S is a polynomial in
        // each coordinate (degree 2 for k = 1, so the central difference is exact up to rounding; degree 2k
        // otherwise, with error h²/12·∂⁴L ≈ 1e-7 relative at h ≤ 1e-3); rounding adds ≈ ε L / h² ≈ 1e-10.
        var maxAbsX = x.Enumerate().Max(Math.Abs);
        var h = Math.Min(1e-3, 0.1 * NaiveNetwork.MinAbsPreActivation(x, w) / maxAbsX);
        Assert.True(h > 1e-5, $"Step {h} too small for a trustworthy second difference; pick another seed.");

        var fd = 0.0;
        var l0 = NaiveNetwork.Loss(x, y, a, w, sigma);
        for (var j = 0; j < m; j++)
        {
            var ap = (double[])a.Clone(); ap[j] += h;
            var am = (double[])a.Clone(); am[j] -= h;
            fd += (NaiveNetwork.Loss(x, y, ap, w, sigma) - 2 * l0 + NaiveNetwork.Loss(x, y, am, w, sigma)) / (h * h);
            for (var c = 0; c < d; c++)
            {
                var wp = w.Clone(); wp[j, c] += h;
                var wm = w.Clone(); wm[j, c] -= h;
                fd += (NaiveNetwork.Loss(x, y, a, wp, sigma) - 2 * l0 + NaiveNetwork.Loss(x, y, a, wm, sigma)) / (h * h);
            }
        }

        var result = HessianTrace.Compute(x, y, a, w, sigma, DenseKernels.Default);

        var scale = result.GaussNewtonTerm + Math.Abs(result.ResidualTerm);
        output.WriteLine($"{name}: h = {h:E2}, F = {result.Trace:R}, finite differences = {fd:R}, relative gap = {Math.Abs(result.Trace - fd) / scale:E2}");
        Assert.True(Math.Abs(result.Trace - fd) <= 1e-6 * scale, $"trace {result.Trace} vs finite differences {fd}");
        Assert.Equal(l0, result.EmpiricalLoss, 1e-12 * l0);
        Assert.True(result.EmpiricalLoss > 0.1, "The parameters must not interpolate for this test to cover the residual term.");
        if (sigma.K >= 2)
            Assert.True(Math.Abs(result.ResidualTerm) > 1e-2 * result.GaussNewtonTerm,
                "The residual term must be material, or dropping it would go unnoticed.");
        else
            Assert.Equal(0.0, result.ResidualTerm);
    }

    [Theory]
    [InlineData("quadratic")]
    [InlineData("relu")]
    [InlineData("relu-power:3")]
    public void GivenMoreNeuronsThanOneBlock_WhenTraceComputed_ThenMatchesLoopFormulaWithEveryKernel(string name)
    {
        var sigma = ActivationParser.Parse(name);
        var random = new RandomSource(7).Fork(name);
        const int n = 40, d = 6, m = 150; // m spans three reduction blocks
        var x = NaiveNetwork.Gaussian(n, d, random);
        var w = NaiveNetwork.Gaussian(m, d, random, 0.5);
        var a = NaiveNetwork.Gaussian(m, random);
        var y = NaiveNetwork.Gaussian(n, random);
        var expected = NaiveNetwork.TraceFormula(x, y, a, w, sigma);

        foreach (var kernels in new IDenseKernels[] { ManagedKernels.Instance, DenseKernels.Default })
        {
            var result = HessianTrace.Compute(x, y, a, w, sigma, kernels);
            Assert.Equal(expected, result.Trace, 1e-11 * Math.Abs(expected));
            Assert.Equal(result.GaussNewtonTerm + result.ResidualTerm, result.Trace, 1e-15 * Math.Abs(expected));
            Assert.Equal(NaiveNetwork.Loss(x, y, a, w, sigma), HessianTrace.EmpiricalLoss(x, y, a, w, sigma, kernels), 1e-12);
            var f = HessianTrace.Predict(x, a, w, sigma, kernels);
            var naive = NaiveNetwork.Outputs(x, a, w, sigma);
            for (var i = 0; i < n; i++) Assert.Equal(naive[i], f[i], 1e-12 * (1 + Math.Abs(naive[i])));
        }
    }

    [Fact]
    public void GivenAnInterpolator_WhenTraceComputed_ThenResidualTermVanishesAndLossIsZero()
    {
        var sigma = ActivationParser.Parse("quadratic");
        var random = new RandomSource(11);
        var x = NaiveNetwork.Gaussian(10, 3, random);
        var w = NaiveNetwork.Gaussian(4, 3, random);
        var a = NaiveNetwork.Gaussian(4, random);
        var y = NaiveNetwork.Outputs(x, a, w, sigma);

        var result = HessianTrace.Compute(x, y, a, w, sigma, DenseKernels.Default);

        Assert.True(result.EmpiricalLoss < 1e-28);
        Assert.True(Math.Abs(result.ResidualTerm) < 1e-12 * result.GaussNewtonTerm);
        Assert.True(result.MaxAbsResidual < 1e-13);
    }

    [Fact]
    public void GivenMismatchedShapes_WhenTraceComputed_ThenThrowsNamingTheProblem()
    {
        var sigma = ActivationParser.Parse("relu");
        var x = Matrix<double>.Build.Dense(5, 3, 1.0);
        var w = Matrix<double>.Build.Dense(4, 3, 1.0);
        var ex1 = Assert.Throws<ArgumentException>(() => HessianTrace.Compute(x, new double[4], new double[4], w, sigma, DenseKernels.Default));
        Assert.Contains("y has 4", ex1.Message);
        var ex2 = Assert.Throws<ArgumentException>(() => HessianTrace.Compute(x, new double[5], new double[3], w, sigma, DenseKernels.Default));
        Assert.Contains("a has 3", ex2.Message);
        var ex3 = Assert.Throws<ArgumentException>(() =>
            HessianTrace.Compute(x, new double[5], new double[4], Matrix<double>.Build.Dense(4, 2, 1.0), sigma, DenseKernels.Default));
        Assert.Contains("d = 3", ex3.Message);
    }
}
