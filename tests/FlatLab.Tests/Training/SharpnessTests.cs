using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.LinearAlgebra;
using FlatLab.Randomness;
using FlatLab.Training;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.Training;

/// <summary>λ_max by Lanczos (docs/optimizers.md §4) against the eigenvalues of the exact Hessian, assembled entry by entry.</summary>
public sealed class SharpnessTests
{
    /// <summary>
    /// The Hessian of L = (1/n) Σ_i r_i², r_i = Σ_j a_j σ(w_j·x_i) − y_i, from its definition with explicit loops:
    /// H = (2/n) Σ_i [∇f_i ∇f_iᵀ + r_i ∇²f_i], with ∂f/∂a_j = σ(z_ij), ∂f/∂w_jc = a_j σ'(z_ij) x_ic,
    /// ∂²f/∂a_j∂w_jc = σ'(z_ij) x_ic and ∂²f/∂w_jc∂w_je = a_j σ''(z_ij) x_ic x_ie (other pairs 0), in the order of
    /// <see cref="TrainingFixtures.Flatten"/>.
    /// </summary>
    private static Matrix<double> DenseHessian(Dataset data, NetworkState theta, Activation sigma)
    {
        var x = data.Features;
        var (n, d, m) = (x.RowCount, x.ColumnCount, theta.Width);
        var size = m * (d + 1);
        int A(int j) => j;
        int W(int j, int c) => m + j + c * m;
        var h = Matrix<double>.Build.Dense(size, size);
        for (var i = 0; i < n; i++)
        {
            var z = new double[m];
            var f = 0.0;
            for (var j = 0; j < m; j++)
            {
                for (var c = 0; c < d; c++) z[j] += theta.Inner[j, c] * x[i, c];
                f += theta.Outer[j] * sigma.Value(z[j]);
            }
            var r = f - data.Labels[i];
            var g = new double[size];
            for (var j = 0; j < m; j++)
            {
                g[A(j)] = sigma.Value(z[j]);
                for (var c = 0; c < d; c++) g[W(j, c)] = theta.Outer[j] * sigma.Derivative(z[j]) * x[i, c];
            }
            for (var p = 0; p < size; p++)
                for (var q = 0; q < size; q++)
                    h[p, q] += 2.0 / n * g[p] * g[q];
            for (var j = 0; j < m; j++)
                for (var c = 0; c < d; c++)
                {
                    var cross = 2.0 / n * r * sigma.Derivative(z[j]) * x[i, c];
                    h[A(j), W(j, c)] += cross;
                    h[W(j, c), A(j)] += cross;
                    for (var e = 0; e < d; e++)
                        h[W(j, c), W(j, e)] += 2.0 / n * r * theta.Outer[j] * sigma.SecondDerivative(z[j]) * x[i, c] * x[i, e];
                }
        }
        return h;
    }

    private static double[] Eigenvalues(Matrix<double> h) =>
        h.Evd(Symmetricity.Symmetric).EigenValues.Select(e => e.Real).Order().ToArray();

    /// <summary>A random network whose labels are scaled by <paramref name="labelScale"/>: large residuals make the a–W
    /// cross terms dominate, and the Hessian indefinite.</summary>
    private static (Dataset Data, NetworkState Theta) Problem(string activation, int n, int d, int m, ulong seed, double labelScale)
    {
        var (_, data) = TrainingFixtures.SingleIndex(activation, n, d, seed);
        data = data with { Labels = data.Labels.Select(v => v * labelScale).ToArray() };
        return (data, NetworkInitializer.Draw(m, d, 1.0, new RandomSource(seed).Fork("theta")));
    }

    [Theory]
    [InlineData("quadratic")]
    [InlineData("relu-power:3")]
    [InlineData("relu")]
    public void GivenTheDenseReference_WhenComparedWithSecondDifferencesOfTheLoss_ThenTheyAgree(string name)
    {
        // The reference itself, checked against the loss alone (ReLU at a point whose pre-activations are far from
        // the kinks compared with the difference step).
        var sigma = ActivationParser.Parse(name);
        var (data, theta) = Problem(name, 7, 2, 3, 5, 3);
        var dense = DenseHessian(data, theta, sigma);
        var point = TrainingFixtures.Flatten(theta);
        const double h = 1e-4;
        double LossAt(int i, double si, int j, double sj)
        {
            var v = (double[])point.Clone();
            v[i] += si * h;
            v[j] += sj * h;
            return TrainingFixtures.NaiveLoss(data, TrainingFixtures.Unflatten(v, 3, 2), sigma);
        }
        var scale = dense.Enumerate().Max(Math.Abs);
        for (var i = 0; i < point.Length; i++)
            for (var j = 0; j < point.Length; j++)
            {
                var fd = (LossAt(i, 1, j, 1) - LossAt(i, 1, j, -1) - LossAt(i, -1, j, 1) + LossAt(i, -1, j, -1)) / (4 * h * h);
                Assert.Equal(dense[i, j], fd, 1e-5 * scale);
            }
    }

    [Theory]
    [InlineData("quadratic")]
    [InlineData("relu-power:3")]
    [InlineData("relu")]
    [InlineData("leaky-relu:0.1")]
    public void GivenADirection_WhenTheHessianVectorProductIsTaken_ThenItIsTheDenseHessianTimesTheDirection(string name)
    {
        var sigma = ActivationParser.Parse(name);
        var (data, theta) = Problem(name, 11, 3, 4, 7, 2);
        var v = NetworkState.Zero(4, 3);
        var random = new RandomSource(70);
        v.Map(_ => random.NextGaussian());

        var product = NetworkState.Zero(4, 3);
        new TrainingObjective(sigma, 1, 1, DenseKernels.Default).HessianVector(TrainingFixtures.X(data), data.Labels, theta, v, product);

        var expected = DenseHessian(data, theta, sigma) * Vector<double>.Build.DenseOfArray(TrainingFixtures.Flatten(v));
        var actual = TrainingFixtures.Flatten(product);
        var scale = expected.AbsoluteMaximum();
        for (var i = 0; i < actual.Length; i++) Assert.Equal(expected[i], actual[i], 1e-12 * scale);
    }

    [Theory]
    [InlineData("relu", 1UL, 1.0)]
    [InlineData("relu", 2UL, 20.0)]
    [InlineData("leaky-relu:0.1", 3UL, 20.0)]
    [InlineData("quadratic", 4UL, 1.0)]
    [InlineData("quadratic", 5UL, 20.0)]
    [InlineData("relu-power:3", 6UL, 20.0)]
    public void GivenARandomNetwork_WhenSharpnessComputed_ThenItIsTheLargestEigenvalueOfTheExactHessian(string name, ulong seed, double labelScale)
    {
        // Given a network of 12 units on 4 inputs (60 parameters): more than Lanczos needs, so the residual test stops it
        var sigma = ActivationParser.Parse(name);
        var (data, theta) = Problem(name, 30, 4, 12, seed, labelScale);

        // When
        var result = Sharpness.Compute(TrainingFixtures.X(data), data.Labels, theta, sigma, new RandomSource(seed).Fork("lanczos"), DenseKernels.Default);

        // Then λ_max of the dense Hessian, to the residual tolerance (an eigenvalue lies within ‖Hy − λy‖ of the Ritz value)
        var eigenvalues = Eigenvalues(DenseHessian(data, theta, sigma));
        Assert.Equal(SharpnessStatus.Converged, result.Status);
        Assert.True(result.Residual <= Sharpness.DefaultTolerance);
        Assert.True(result.Iterations < 60, $"{result.Iterations} steps");
        Assert.Equal(eigenvalues[^1], result.Eigenvalue, Sharpness.DefaultTolerance * Math.Abs(eigenvalues[^1]));
    }

    [Theory]
    [InlineData("quadratic", 7UL, 40.0)]
    [InlineData("relu-power:3", 12UL, 20.0)]
    public void GivenAnIndefiniteHessianWhoseMostNegativeEigenvalueDominates_WhenSharpnessComputed_ThenItIsTheLargestNotTheDominant(string name, ulong seed, double labelScale)
    {
        // Given large residuals: the residual term gives eigenvalues of both signs, the negative one the larger in
        // magnitude (plain power iteration would settle on it; for ReLU the residual term is the a–W cross block alone,
        // whose spectrum is symmetric, so the Gauss–Newton part keeps λ_max the larger)
        var sigma = ActivationParser.Parse(name);
        var (data, theta) = Problem(name, 30, 4, 12, seed, labelScale);
        var eigenvalues = Eigenvalues(DenseHessian(data, theta, sigma));
        Assert.True(-eigenvalues[0] > 1.3 * eigenvalues[^1] && eigenvalues[^1] > 0, $"λ_min {eigenvalues[0]}, λ_max {eigenvalues[^1]}");

        // When
        var result = Sharpness.Compute(TrainingFixtures.X(data), data.Labels, theta, sigma, new RandomSource(seed), DenseKernels.Default);

        // Then
        Assert.True(result.IsConverged);
        Assert.Equal(eigenvalues[^1], result.Eigenvalue, Sharpness.DefaultTolerance * eigenvalues[^1]);
    }

    [Fact]
    public void GivenATrainedMeanFieldNetworkAtTheEdge_WhenSharpnessComputed_ThenItIsTheLargestEigenvalueOfTheScaledObjectivesHessian()
    {
        // Given mean-field GD at a large step, trained for a while (the setting of the negative edge ratios)
        var sigma = ActivationParser.Parse("relu");
        const int n = 40, d = 4, m = 30;
        var (_, data) = TrainingFixtures.SingleIndex("relu", n, d, 12);
        var spec = new TrainingSpec { Parameterization = Parameterization.MeanField, LearningRate = 1, MaxSteps = 400, LossTolerance = 1e-300 };
        var trained = Trainer.Train(data, sigma, spec, new RandomSource(12), DenseKernels.Default, width: m);
        var objective = TrainingObjective.For(Parameterization.MeanField, m, sigma, DenseKernels.Default);
        var theta = objective.ToTrained(trained.State);

        // When
        var result = Sharpness.Compute(TrainingFixtures.X(data), data.Labels, theta, objective, new RandomSource(12).Fork("lanczos"));

        // Then λ_max of H̃ = γ D H D (D = α on ã, 1 on W): the Hessian of m L_S(ã/m, W) in (ã, W)
        var network = DenseHessian(data, trained.State, sigma);
        var scaled = Matrix<double>.Build.Dense(network.RowCount, network.ColumnCount,
            (i, j) => objective.Gamma * (i < m ? objective.Alpha : 1) * (j < m ? objective.Alpha : 1) * network[i, j]);
        var eigenvalues = Eigenvalues(scaled);
        Assert.True(result.IsConverged, result.Reason);
        Assert.Equal(eigenvalues[^1], result.Eigenvalue, Sharpness.DefaultTolerance * Math.Abs(eigenvalues[^1]));
        // and GD at this step sits near or past the edge: η λ_max / 2 of order 1
        Assert.InRange(spec.LearningRate * result.Eigenvalue / 2, 0.3, 3);
    }

    [Fact]
    public void GivenTooFewSteps_WhenSharpnessComputed_ThenNoEigenvalueIsReportedAndTheReasonSaysWhy()
    {
        var sigma = ActivationParser.Parse("relu");
        var (data, theta) = Problem("relu", 30, 4, 12, 2, 20);

        var result = Sharpness.Compute(TrainingFixtures.X(data), data.Labels, theta, sigma, new RandomSource(2), DenseKernels.Default, maxIterations: 3);

        Assert.Equal(SharpnessStatus.IterationLimit, result.Status);
        Assert.True(double.IsNaN(result.Eigenvalue));
        Assert.Equal(3, result.Iterations);
        Assert.True(result.Residual > Sharpness.DefaultTolerance);
        Assert.Contains("did not converge in 3 Lanczos steps", result.Reason);
    }

    [Fact]
    public void GivenANonFiniteNetwork_WhenSharpnessComputed_ThenTheStatusSaysSo()
    {
        var sigma = ActivationParser.Parse("relu");
        var (data, theta) = Problem("relu", 10, 3, 4, 3, 1);
        theta.Outer[1] = double.NaN;

        var result = Sharpness.Compute(TrainingFixtures.X(data), data.Labels, theta, sigma, new RandomSource(3), DenseKernels.Default);

        Assert.Equal(SharpnessStatus.NonFinite, result.Status);
        Assert.True(double.IsNaN(result.Eigenvalue));
    }

    [Fact]
    public void GivenTheSameSeed_WhenSharpnessComputedTwice_ThenTheSameBits()
    {
        var sigma = ActivationParser.Parse("relu");
        var (data, theta) = Problem("relu", 30, 4, 12, 9, 5);

        var first = Sharpness.Compute(TrainingFixtures.X(data), data.Labels, theta, sigma, new RandomSource(9), DenseKernels.Default);
        var second = Sharpness.Compute(TrainingFixtures.X(data), data.Labels, theta, sigma, new RandomSource(9), DenseKernels.Default);

        Assert.Equal(first, second);
    }
}
