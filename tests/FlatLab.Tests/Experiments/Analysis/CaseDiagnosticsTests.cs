using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.LinearAlgebra;
using FlatLab.Networks;
using FlatLab.Randomness;
using FlatLab.Solvers;
using FlatLab.Experiments.Analysis;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.Experiments.Analysis;

public sealed class CaseDiagnosticsTests
{
    private static (Matrix<double> X, double[] Y, Matrix<double> W) Case(int n, int m, int d, ulong seed, string activation = "relu")
    {
        var random = new RandomSource(seed);
        var model = DataModelFactory.Create(new DataModelSpec(d, 1, LinkKind.SingleIndex, ActivationParser.Parse(activation), NoiseStd: 0.1),
            random.Fork("model"));
        var data = DataSampler.Sample(model, n, random.Fork("data"));
        var w = Matrix<double>.Build.Dense(m, d, (_, _) => 0);
        var wr = random.Fork("w");
        for (var j = 0; j < m; j++)
            for (var c = 0; c < d; c++) w[j, c] = (0.5 + j % 3) * wr.NextGaussian(); // rows of varied norms
        return (data.Features, data.Labels, w);
    }

    private static FlattestInterpolatorResult HandMade(double[] a, double objective = 6.0, double lowerBound = 4.0) => new()
    {
        Status = SolverStatus.Solved,
        Message = "hand-made",
        P = 1,
        Objective = objective,
        LowerBound = lowerBound,
        OuterWeights = a,
    };

    private static readonly FlattestInterpolatorResult Unsolved = new()
    {
        Status = SolverStatus.IllConditioned, Message = "no solution", P = 1, LowerBound = 3.0,
    };

    [Theory]
    [InlineData("relu")]
    [InlineData("quadratic")]
    public void GivenFeatures_WhenDiagnosed_ThenSpectrumMatchesTheSingularValuesOfPhi(string activation)
    {
        const int n = 12, m = 30, d = 5;
        var (x, _, w) = Case(n, m, d, 5, activation);
        var features = NeuronFeatures.Compute(x, w, ActivationParser.Parse(activation), DenseKernels.Default);

        var result = CaseDiagnostics.Compute(features, Unsolved, d, ManagedKernels.Instance);

        // Independent route: the singular values of Φ itself (MathNet SVD), squared and divided by n.
        var singular = features.Phi.Svd(computeVectors: false).S.Select(s => s * s / n).OrderDescending().ToArray();
        var scale = singular[0];
        Assert.Equal(singular[0], result.LargestEigenvalue, 1e-10 * scale);
        Assert.Equal(singular[1], result.SecondEigenvalue, 1e-10 * scale);
        Assert.Equal(singular[n - 1], result.SmallestEigenvalue, 1e-10 * scale);
        Assert.Equal(singular[1] / singular[n - 1], result.SecondOverSmallest, 1e-8 * result.SecondOverSmallest);
        // The eigenvalues add up to tr(ΦΦᵀ)/n = Σ_j S_j / n.
        Assert.Equal(features.S.Sum() / n, CaseDiagnostics.GramEigenvalues(features, DenseKernels.Default).Sum(), 1e-10 * scale);
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("leaky-relu:0.1")]
    [InlineData("quadratic")]
    public void GivenFeatures_WhenDiagnosed_ThenConcentrationDeviationsMatchLoops(string activation)
    {
        const int n = 40, m = 9, d = 6;
        var sigma = ActivationParser.Parse(activation);
        var (x, _, w) = Case(n, m, d, 8, activation);
        var features = NeuronFeatures.Compute(x, w, sigma, DenseKernels.Default);

        var result = CaseDiagnostics.Compute(features, Unsolved, d, DenseKernels.Default);

        // S_j and T_j by loops over unit-norm rows, against the Gaussian centres computed by hand.
        var es = (sigma.CPlus * sigma.CPlus + sigma.CMinus * sigma.CMinus) * GaussianMoments.HalfAbsoluteMoment(2 * sigma.K);
        var et = sigma.K * sigma.K * es + (d - 1) * GaussianMoments.DerivativeSecondMoment(sigma);
        var sDev = new double[m];
        var tDev = new double[m];
        for (var j = 0; j < m; j++)
        {
            var norm = w.Row(j).L2Norm();
            double s = 0, t = 0;
            for (var i = 0; i < n; i++)
            {
                double z = 0, sq = 0;
                for (var c = 0; c < d; c++)
                {
                    z += w[j, c] / norm * x[i, c];
                    sq += x[i, c] * x[i, c];
                }
                s += sigma.Value(z) * sigma.Value(z);
                t += sigma.Derivative(z) * sigma.Derivative(z) * sq;
            }
            sDev[j] = Math.Abs(s / (n * es) - 1);
            tDev[j] = Math.Abs(t / (n * et) - 1);
        }
        Assert.Equal(es, result.ExpectedS, 1e-14);
        Assert.Equal(et, result.ExpectedT, 1e-12 * et);
        Assert.Equal(sDev.Max(), result.MaxSDeviation, 1e-12);
        Assert.Equal(sDev.Average(), result.MeanSDeviation, 1e-12);
        Assert.Equal(tDev.Max(), result.MaxTDeviation, 1e-12);
        Assert.Equal(tDev.Average(), result.MeanTDeviation, 1e-12);
        Assert.True(result.MeanSDeviation < 1 && result.MeanTDeviation < 1, "n = 40 samples should already concentrate within 100%.");
    }

    [Fact]
    public void GivenHandMadeSolution_WhenDiagnosed_ThenTightnessAndBalancednessMatchHandValues()
    {
        const int d = 4;
        var (x, _, w) = Case(6, 10, d, 3);
        var features = NeuronFeatures.Compute(x, w, ActivationParser.Parse("relu"), DenseKernels.Default);
        // |a| = 1, 1, 2 on three neurons (one at rounding level, below the zero tolerance), the rest 0.
        double[] a = [1, -1, 0, 2, 0, 1e-14, 0, 0, 0, 0];

        var result = CaseDiagnostics.Compute(features, HandMade(a), d, DenseKernels.Default);

        Assert.Equal(6.0 / 4.0, result.FlatnessOverLowerBound, 1e-15);
        Assert.Equal(3, result.NonZeroCount);
        Assert.Equal(16.0 / 18.0, result.ParticipationRatio, 1e-12); // (1+1+2)² / (3 · (1+1+4))
        Assert.Equal(2.0 / (4 + 1e-14), result.TopDecileShare, 1e-12); // top ⌈10/10⌉ = 1 neuron
    }

    [Fact]
    public void GivenBalancedAndConcentratedWeights_WhenBalancednessComputed_ThenExtremesAreReached()
    {
        var balanced = Enumerable.Range(0, 20).Select(j => j % 2 == 0 ? 0.3 : -0.3).ToArray();
        Assert.Equal(1.0, CaseDiagnostics.ParticipationRatio(balanced), 1e-14);
        Assert.Equal(0.1, CaseDiagnostics.TopShare(balanced, 0.1), 1e-14); // 2 of 20 equal weights
        var single = new double[20];
        single[7] = -5;
        Assert.Equal(1.0, CaseDiagnostics.ParticipationRatio(single), 1e-14); // one non-zero is trivially balanced
        Assert.Equal(1.0, CaseDiagnostics.TopShare(single, 0.1), 1e-14);
        Assert.Equal(1, CaseDiagnostics.NonZeroCount(single));
        Assert.True(double.IsNaN(CaseDiagnostics.ParticipationRatio(new double[5])));
        Assert.Throws<ArgumentException>(() => CaseDiagnostics.TopShare(balanced, 0));
    }

    [Fact]
    public void GivenUnsolvedCase_WhenDiagnosed_ThenSolutionQuantitiesAreNaNAndTheSpectrumIsStillReported()
    {
        var (x, _, w) = Case(8, 20, 3, 4);
        var features = NeuronFeatures.Compute(x, w, ActivationParser.Parse("relu"), DenseKernels.Default);

        var result = CaseDiagnostics.Compute(features, Unsolved, 3, DenseKernels.Default);

        Assert.True(double.IsNaN(result.FlatnessOverLowerBound));
        Assert.True(double.IsNaN(result.ParticipationRatio));
        Assert.True(double.IsNaN(result.TopDecileShare));
        Assert.Equal(0, result.NonZeroCount);
        Assert.True(result.LargestEigenvalue > result.SecondEigenvalue && result.SmallestEigenvalue > 0);
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("quadratic")]
    public void GivenSolvedFlattestInterpolator_WhenDiagnosed_ThenTheCertifiedBoundHoldsAndSupportMatches(string activation)
    {
        const int n = 15, m = 60, d = 8;
        var sigma = ActivationParser.Parse(activation);
        var (x, y, w) = Case(n, m, d, 21, activation);
        var features = NeuronFeatures.Compute(x, w, sigma, DenseKernels.Default);
        var solution = FlattestInterpolatorSolver.Solve(FlattestInterpolatorProblem.Create(features, y, OuterWeighting.Exact), DenseKernels.Default);
        Assert.Equal(SolverStatus.Solved, solution.Status);

        var result = CaseDiagnostics.Compute(features, solution, d, DenseKernels.Default);

        // Theorem 1's bound is a certified lower bound: the optimum is at least it (up to the gap tolerance).
        Assert.True(result.FlatnessOverLowerBound >= 1 - 1e-8, $"ratio {result.FlatnessOverLowerBound}");
        Assert.Equal(solution.Objective / solution.LowerBound, result.FlatnessOverLowerBound, 1e-15);
        Assert.InRange(result.ParticipationRatio, 1e-3, 1.0 + 1e-12);
        Assert.InRange(result.TopDecileShare, 0.1 - 1e-12, 1.0);
        Assert.InRange(result.NonZeroCount, 1, m);
        if (sigma.K == 1) Assert.True(result.NonZeroCount <= n, "A p = 1 vertex has at most n non-zero weights.");
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("quadratic")]
    public void GivenFixedDirections_WhenGramAveragedOverGaussianSamples_ThenItsMeanDirectionMatchesTheExpectedLargestEigenvalue(string activation)
    {
        // 1ᵀ(ΦΦᵀ/n)1/n averaged over fresh samples estimates 1ᵀ E[ΦΦᵀ/n] 1/n, the top eigenvalue of E[ΦΦᵀ]/n.
        const int n = 5, m = 4, d = 3, draws = 20_000;
        var sigma = ActivationParser.Parse(activation);
        var random = new RandomSource(77).Fork(activation);
        var w = Matrix<double>.Build.Dense(m, d, (_, _) => random.NextGaussian());
        double expected = double.NaN;
        var values = new double[draws];
        for (var r = 0; r < draws; r++)
        {
            var x = Matrix<double>.Build.Dense(n, d, (_, _) => random.NextGaussian());
            var features = NeuronFeatures.Compute(x, w, sigma, ManagedKernels.Instance);
            var q = 0.0;
            for (var j = 0; j < m; j++)
            {
                var column = 0.0;
                for (var i = 0; i < n; i++) column += features.Phi[i, j];
                q += column * column;
            }
            values[r] = q / (n * n);
            if (r == 0) expected = CaseDiagnostics.Compute(features, Unsolved, d, DenseKernels.Default).ExpectedLargestEigenvalue;
        }
        NumericChecks.AssertWithinFourErrors(expected, values, "1ᵀ(ΦΦᵀ/n)1/n");
    }

    [Fact]
    public void GivenMismatchedSolution_WhenDiagnosed_ThenThrows()
    {
        var (x, _, w) = Case(6, 10, 3, 1);
        var features = NeuronFeatures.Compute(x, w, ActivationParser.Parse("relu"), DenseKernels.Default);
        var ex = Assert.Throws<ArgumentException>(() => CaseDiagnostics.Compute(features, HandMade([1.0, 2.0]), 3, DenseKernels.Default));
        Assert.Contains("outer weights", ex.Message);
        Assert.Throws<ArgumentException>(() => CaseDiagnostics.Compute(features, Unsolved, 0, DenseKernels.Default));
    }
}
