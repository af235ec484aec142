using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.LinearAlgebra;
using FlatLab.Networks;
using FlatLab.Randomness;
using FlatLab.Search;
using FlatLab.Solvers;
using FlatLab.Tests.Training;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Tests.Search;

public sealed class EnvelopeGradientTests
{
    /// <summary>V(W) = min { Σ c_j|a_j|^p : Φ(W)a = y } for the unit rows of W, with its solution.</summary>
    internal static (NeuronFeatures Features, FlattestInterpolatorResult Solution) Solve(Dataset data, DenseMatrix w, Activation sigma,
        OuterWeighting weighting)
    {
        // NeuronFeatures normalises the rows itself, exactly as the search does: no second rounding of W.
        var features = NeuronFeatures.Compute(data.Features, w, sigma, DenseKernels.Default);
        var solution = FlattestInterpolatorSolver.Solve(FlattestInterpolatorProblem.Create(features, data.Labels, weighting), DenseKernels.Default);
        Assert.True(solution.Status.HasSolution(), solution.Message);
        return (features, solution);
    }

    [Theory]
    [InlineData("relu", OuterWeighting.Exact, 10, 30, 4, 1UL)]
    [InlineData("relu", OuterWeighting.Unit, 10, 30, 4, 2UL)]
    [InlineData("leaky-relu:0.2", OuterWeighting.Exact, 10, 24, 4, 3UL)]
    // Quadratic: Φ's columns are quadratic forms, rank ≤ d(d+1)/2 = 15 ≥ n = 10.
    [InlineData("quadratic", OuterWeighting.Exact, 10, 25, 5, 4UL)]
    [InlineData("quadratic", OuterWeighting.Unit, 10, 25, 5, 5UL)]
    public void GivenASolvedProblem_WhenEnvelopeGradientComputed_ThenMatchesCentralDifferencesOfTheOptimalValueAlongTangents(
        string name, OuterWeighting weighting, int n, int m, int d, ulong seed)
    {
        var sigma = ActivationParser.Parse(name);
        var (_, data) = TrainingFixtures.SingleIndex(name, n, d, seed);
        var random = new RandomSource(seed).Fork("directions");
        var w = NeuronFeatures.UnitRows(Solvers.SolverInstance.GaussianMatrix(m, d, random.Fork("w")));
        var x = TrainingFixtures.X(data);
        var (features, solution) = Solve(data, w, sigma, weighting);

        var gradient = EnvelopeGradient.Compute(x, w, features, solution.OuterWeights, solution.Dual, weighting == OuterWeighting.Exact,
            DenseKernels.Default);

        // Every row is tangent to its sphere.
        for (var j = 0; j < m; j++) Assert.True(Math.Abs(gradient.Row(j) * w.Row(j)) < 1e-12 * (1 + gradient.Row(j).L2Norm()));
        // h = 1e-6: the O(h²) error is ~1e-12 relative; the solver's optimum is accurate to ~1e-13 relative,
        // so the difference quotient carries ~1e-7 of rounding: 1e-5 relative leaves a margin of 100.
        const double h = 1e-6;
        for (var trial = 0; trial < 3; trial++)
        {
            var direction = Solvers.SolverInstance.GaussianMatrix(m, d, random.Fork($"tangent-{trial}"));
            for (var j = 0; j < m; j++) direction.SetRow(j, direction.Row(j) - (direction.Row(j) * w.Row(j)) * w.Row(j));
            if (sigma.K == 1)
            {
                // k = 1: Φ and T are smooth only while no w_j·x_i changes sign between the two evaluation points.
                var zUp = x * (w + h * direction).Transpose();
                var zDown = x * (w - h * direction).Transpose();
                Assert.True(zUp.Enumerate().Zip(zDown.Enumerate()).All(p => Math.Sign(p.First) == Math.Sign(p.Second)),
                    "A pre-activation crosses a kink within the difference step.");
            }
            var up = Solve(data, (DenseMatrix)(w + h * direction), sigma, weighting).Solution.Objective;
            var down = Solve(data, (DenseMatrix)(w - h * direction), sigma, weighting).Solution.Objective;
            var fd = (up - down) / (2 * h);
            var analytic = gradient.PointwiseMultiply(direction).Enumerate().Sum();
            Assert.True(Math.Abs(analytic) > 1e-3 * solution.Objective, "The test direction should move V.");
            Assert.True(Math.Abs(fd - analytic) <= 1e-5 * Math.Abs(analytic),
                $"{name} {weighting} trial {trial}: envelope {analytic:R}, finite difference {fd:R}.");
        }
    }

    [Fact]
    public void GivenLabelsAndWeightsOfWrongLength_WhenEnvelopeGradientComputed_ThenThrowsNamingTheSizes()
    {
        var sigma = ActivationParser.Parse("relu");
        var (_, data) = TrainingFixtures.SingleIndex("relu", 6, 3, 1);
        var w = NeuronFeatures.UnitRows(Solvers.SolverInstance.GaussianMatrix(10, 3, new RandomSource(2)));
        var features = NeuronFeatures.Compute(data.Features, w, sigma, DenseKernels.Default);

        var error = Assert.Throws<ArgumentException>(() =>
            EnvelopeGradient.Compute(TrainingFixtures.X(data), w, features, new double[9], new double[6], true, DenseKernels.Default));
        Assert.Contains("m = 10", error.Message);
    }
}
