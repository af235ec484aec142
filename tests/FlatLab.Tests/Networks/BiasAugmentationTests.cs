using FlatLab.LinearAlgebra;
using FlatLab.Activations;
using FlatLab.Flatness;
using FlatLab.Randomness;
using FlatLab.Tests.Flatness;
using FlatLab.Networks;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.Networks;

public sealed class BiasAugmentationTests
{
    /// <summary>The bias network's parameters θ = (a, W, b) flattened, so the loss can be perturbed one coordinate at a time.</summary>
    private sealed record BiasNetwork(double[] A, double[,] W, double[] B)
    {
        public int M => A.Length;
        public int D => W.GetLength(1);
        public int Count => M * (D + 2);

        public double Get(int p) => p < M ? A[p] : p < M + M * D ? W[(p - M) / D, (p - M) % D] : B[p - M - M * D];

        public void Set(int p, double v)
        {
            if (p < M) A[p] = v;
            else if (p < M + M * D) W[(p - M) / D, (p - M) % D] = v;
            else B[p - M - M * D] = v;
        }

        public double Output(Matrix<double> x, int i, Activation sigma)
        {
            var f = 0.0;
            for (var j = 0; j < M; j++)
            {
                var z = B[j];
                for (var c = 0; c < D; c++) z += W[j, c] * x[i, c];
                f += A[j] * sigma.Value(z);
            }
            return f;
        }

        /// <summary>L_S = (1/n) Σ_i (Σ_j a_j σ(w_j·x_i + b_j) − y_i)², written out with loops.</summary>
        public double Loss(Matrix<double> x, double[] y, Activation sigma)
        {
            var loss = 0.0;
            for (var i = 0; i < x.RowCount; i++)
            {
                var r = Output(x, i, sigma) - y[i];
                loss += r * r;
            }
            return loss / x.RowCount;
        }

        /// <summary>
        /// The trace of the Hessian at an interpolator from the diagonal second derivatives by hand:
        /// ∂f/∂a_j = σ(z), ∂f/∂w_jc = a_j σ'(z) x_c, ∂f/∂b_j = a_j σ'(z), and F = (2/n) Σ_i Σ_p (∂f_i/∂θ_p)².
        /// </summary>
        public double InterpolatorTrace(Matrix<double> x, Activation sigma)
        {
            var total = 0.0;
            for (var i = 0; i < x.RowCount; i++)
                for (var j = 0; j < M; j++)
                {
                    var z = B[j];
                    for (var c = 0; c < D; c++) z += W[j, c] * x[i, c];
                    var g = A[j] * sigma.Derivative(z);
                    total += sigma.Value(z) * sigma.Value(z) + g * g; // a_j and b_j
                    for (var c = 0; c < D; c++) total += g * g * x[i, c] * x[i, c]; // w_jc
                }
            return 2.0 / x.RowCount * total;
        }

        public BiasNetwork Rescaled(int j, double t, int k)
        {
            var copy = new BiasNetwork((double[])A.Clone(), (double[,])W.Clone(), (double[])B.Clone());
            copy.A[j] *= Math.Pow(t, -k);
            copy.B[j] *= t;
            for (var c = 0; c < D; c++) copy.W[j, c] *= t;
            return copy;
        }

        public Matrix<double> InnerWeights => Matrix<double>.Build.Dense(M, D, (j, c) => W[j, c]);
    }

    private static double PreActivation(BiasNetwork net, Matrix<double> x, int i, int j)
    {
        var z = net.B[j];
        for (var c = 0; c < net.D; c++) z += net.W[j, c] * x[i, c];
        return z;
    }

    private static BiasNetwork RandomNetwork(int m, int d, RandomSource random)
    {
        var w = new double[m, d];
        for (var j = 0; j < m; j++)
            for (var c = 0; c < d; c++) w[j, c] = random.NextGaussian();
        return new BiasNetwork(NaiveNetwork.Gaussian(m, random), w, NaiveNetwork.Gaussian(m, random));
    }

    [Fact]
    public void GivenFeaturesAndWeights_WhenAugmentedJoinedAndSplit_ThenLayoutIsAsDocumented()
    {
        var random = new RandomSource(71);
        var x = NaiveNetwork.Gaussian(4, 3, random);
        var w = NaiveNetwork.Gaussian(5, 3, random);
        var b = NaiveNetwork.Gaussian(5, random);

        var xt = BiasAugmentation.Augment(x);
        var wt = BiasAugmentation.Join(w, b);
        var (w2, b2) = BiasAugmentation.Split(wt);

        Assert.Equal(4, xt.RowCount);
        Assert.Equal(4, xt.ColumnCount);
        Assert.Equal(x, xt.SubMatrix(0, 4, 0, 3));
        Assert.All(xt.Column(3), v => Assert.Equal(1.0, v));
        Assert.Equal(w, w2);
        Assert.Equal(b, b2);
        // w̃_j·x̃_i = w_j·x_i + b_j.
        var z = xt * wt.Transpose();
        var expected = x * w.Transpose();
        for (var i = 0; i < 4; i++)
            for (var j = 0; j < 5; j++) Assert.Equal(expected[i, j] + b[j], z[i, j], 1e-14);
        Assert.Throws<ArgumentException>(() => BiasAugmentation.Join(w, [1.0]));
        Assert.Throws<ArgumentException>(() => BiasAugmentation.Split(Matrix<double>.Build.Dense(3, 1)));
    }

    [Theory]
    [InlineData("relu", 1e-3)]
    [InlineData("quadratic", 1e-4)]
    public void GivenBiasNetwork_WhenTraceComputedOnAugmentedData_ThenMatchesFiniteDifferenceHessianOfTheExplicitLoss(string activation, double h)
    {
        const int n = 10, d = 3, m = 4;
        var sigma = ActivationParser.Parse(activation);
        var random = new RandomSource(72).Fork(activation);
        var x = NaiveNetwork.Gaussian(n, d, random);
        var y = NaiveNetwork.Gaussian(n, random); // random labels: away from interpolation, the residual term counts too
        var net = RandomNetwork(m, d, random);
        var wTilde = BiasAugmentation.Join(net.InnerWeights, net.B);
        var xTilde = BiasAugmentation.Augment(x);
        // Central differences of a piecewise quadratic are exact unless a step crosses a kink; a step moves
        // w̃_j·x̃_i by at most h · max(1, max|x_ic|).
        if (sigma.K == 1)
            Assert.True(NaiveNetwork.MinAbsPreActivation(xTilde, wTilde) > h * Math.Max(1, x.Enumerate().Max(Math.Abs)),
                "a pre-activation is too close to the kink");

        var trace = HessianTrace.Compute(xTilde, y, net.A, wTilde, sigma, DenseKernels.Default);

        // Σ_p (L(θ + h e_p) − 2 L(θ) + L(θ − h e_p)) / h² over all m(d + 2) parameters of the explicit bias network.
        var l0 = net.Loss(x, y, sigma);
        var fd = 0.0;
        for (var p = 0; p < net.Count; p++)
        {
            var v = net.Get(p);
            net.Set(p, v + h);
            var plus = net.Loss(x, y, sigma);
            net.Set(p, v - h);
            var minus = net.Loss(x, y, sigma);
            net.Set(p, v);
            fd += (plus - 2 * l0 + minus) / (h * h);
        }
        // Rounding: ε L / h² ≈ 1e-16 · 10 / 1e-10 = 1e-5 absolute at most for h = 1e-5; truncation is zero (k = 1)
        // or O(h² L'''') for the quartic k = 2 loss. 1e-6 relative covers both with margin.
        Assert.Equal(fd, trace.Trace, 1e-6 * Math.Abs(fd));
        Assert.Equal(l0, trace.EmpiricalLoss, 1e-12 * l0);
        if (sigma.K == 2) Assert.True(Math.Abs(trace.ResidualTerm) > 1e-3 * trace.Trace, "the residual term should matter here");
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("quadratic")]
    public void GivenBiasInterpolator_WhenOrbitMinimumComputedOnAugmentedData_ThenMatchesGoldenSectionOverJointRescaling(string activation)
    {
        const int n = 12, d = 3, m = 5;
        var sigma = ActivationParser.Parse(activation);
        var random = new RandomSource(73).Fork(activation);
        var x = NaiveNetwork.Gaussian(n, d, random);
        var net = RandomNetwork(m, d, random);

        var orbit = OrbitMinimum.Compute(BiasAugmentation.Augment(x), net.A, BiasAugmentation.Join(net.InnerWeights, net.B), sigma, DenseKernels.Default);

        // Brute force on the bias network's own trace: rescale (a_j, w_j, b_j) → (t^{−k} a_j, t w_j, t b_j) one neuron at a
        // time; the trace is separable over neurons, so the per-neuron minimisers together give the orbit minimum.
        var k = sigma.K;
        var current = net;
        for (var j = 0; j < m; j++)
        {
            var jj = j;
            var start = current;
            var s = NumericChecks.GoldenSection(v => start.Rescaled(jj, Math.Exp(v), k).InterpolatorTrace(x, sigma), -8, 8, 1e-10);
            current = start.Rescaled(jj, Math.Exp(s), k);
        }
        var brute = current.InterpolatorTrace(x, sigma);
        Assert.Equal(brute, orbit.FlatnessMin, 1e-9 * brute);
        Assert.True(orbit.FlatnessMin < net.InterpolatorTrace(x, sigma));
        // The minimiser's split back into (W, b) is the brute-force rescaled network, up to how sharply t is determined.
        // A neuron dead on every sample (possible with a bias) contributes 0 at any t; the orbit minimum leaves it as is.
        var (w, b) = BiasAugmentation.Split(orbit.Minimiser.InnerWeights);
        for (var j = 0; j < m; j++)
        {
            if (orbit.Contributions[j] == 0)
            {
                Assert.Equal(net.B[j], b[j]);
                for (var i = 0; i < n; i++) Assert.Equal(0, sigma.Value(PreActivation(net, x, i, j)));
                continue;
            }
            Assert.Equal(current.B[j], b[j], 1e-5 * Math.Abs(current.B[j]) + 1e-12);
            for (var c = 0; c < d; c++) Assert.Equal(current.W[j, c], w[j, c], 1e-5 * Math.Abs(current.W[j, c]) + 1e-12);
        }
    }

    [Fact]
    public void GivenNeuronsWithAndWithoutOuterWeight_WhenTheBiasShareIsTaken_ThenOnlyUsedNeuronsCountByTheirOutputScale()
    {
        // Rows (3, 4) share 0.8 with norm 5, (1, 0) share 0, (0, 2) share 1 but a = 0. With k = 1 the weights are
        // |a| ‖w̃‖: 0.5·5 = 2.5 and 2·1 = 2, so the share is (2.5·0.8 + 2·0) / 4.5 = 4/9.
        var w = Matrix<double>.Build.DenseOfArray(new double[,] { { 3, 4 }, { 1, 0 }, { 0, 2 } });
        double[] a = [0.5, -2, 0];

        Assert.Equal(4.0 / 9, BiasAugmentation.Share(w, a, 1), 1e-15);
        // k = 2 weighs by ‖w̃‖²: 0.5·25 = 12.5 and 2: (12.5·0.8) / 14.5.
        Assert.Equal(10 / 14.5, BiasAugmentation.Share(w, a, 2), 1e-15);
        // Rescaling a neuron (w̃ → t w̃, a → t^{-k} a) changes nothing.
        var scaled = w.Clone();
        scaled.SetRow(0, scaled.Row(0) * 3);
        Assert.Equal(4.0 / 9, BiasAugmentation.Share(scaled, [0.5 / 3, -2, 0], 1), 1e-15);
        Assert.True(double.IsNaN(BiasAugmentation.Share(w, [0.0, 0, 0], 1)));
        Assert.Throws<ArgumentException>(() => BiasAugmentation.Share(w, [1.0, 2], 1));
    }
}
