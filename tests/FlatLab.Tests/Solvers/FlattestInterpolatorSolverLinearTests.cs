using FlatLab.LinearAlgebra;
using FlatLab.Solvers;
using FlatLab.Tests.References;

namespace FlatLab.Tests.Solvers;

/// <summary>
/// p = 1 (k = 1 activations): the weighted basis-pursuit LP. Every solve passes the optimality harness
/// and matches GLOP's simplex optimum to 1e-8 relative (GLOP's polished vertex is exact to ~1e-14;
/// the solver's gap target is 1e-10, so 1e-8 leaves two orders of margin).
/// </summary>
public sealed class FlattestInterpolatorSolverLinearTests
{
    private const double ObjectiveAgreement = 1e-8;

    public static TheoryData<string, OuterWeighting, int, int, int, ulong> Instances() => new()
    {
        { "relu", OuterWeighting.Exact, 20, 60, 5, 1UL },
        { "relu", OuterWeighting.Unit, 30, 90, 6, 2UL },
        { "leaky-relu:0.1", OuterWeighting.Exact, 25, 75, 5, 3UL },
        { "leaky-relu:0.1", OuterWeighting.Unit, 20, 80, 4, 4UL },
        { "abs", OuterWeighting.Exact, 20, 60, 5, 5UL },
        { "abs", OuterWeighting.Unit, 40, 100, 8, 6UL },
        { "relu", OuterWeighting.Exact, 80, 200, 10, 7UL },
        { "relu", OuterWeighting.Exact, 10, 40, 3, 8UL },
    };

    [Theory]
    [MemberData(nameof(Instances))]
    public void GivenAK1Network_WhenSolvedForTheVertex_ThenItIsOptimalAndMatchesGlop(string activation, OuterWeighting weighting, int n, int m, int d, ulong seed)
    {
        var problem = SolverInstance.Network(activation, n, m, d, seed, weighting).Problem;
        var glop = GlopReference.Solve(problem.Phi, problem.Labels, problem.Weights);

        var result = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default);

        OptimalityConditions.AssertOptimal(problem, result);
        Assert.Equal(1.0, problem.P);
        Assert.Equal(OptimalPoint.Vertex, result.Point);
        Assert.True(result.Support <= n, $"a vertex has at most n = {n} non-zeros, got {result.Support}");
        Assert.True(result.OuterWeights.Count(v => v != 0) <= n, "more than n exact non-zeros at a vertex");
        AssertRelative(glop.Objective, result.Objective, ObjectiveAgreement, "objective vs GLOP");
        Assert.True(result.LowerBound <= glop.Objective * (1 + 1e-12), $"LowerBound {result.LowerBound} exceeds GLOP's optimum {glop.Objective}");
    }

    [Theory]
    [MemberData(nameof(Instances))]
    public void GivenAK1Network_WhenSolvedForTheCentralPoint_ThenItIsOptimalFeasibleAndMatchesGlop(string activation, OuterWeighting weighting, int n, int m, int d, ulong seed)
    {
        var problem = SolverInstance.Network(activation, n, m, d, seed, weighting).Problem;
        var glop = GlopReference.Solve(problem.Phi, problem.Labels, problem.Weights);

        var result = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default, new SolverSettings { Point = OptimalPoint.Central });

        OptimalityConditions.AssertOptimal(problem, result);
        Assert.Equal(OptimalPoint.Central, result.Point);
        AssertRelative(glop.Objective, result.Objective, ObjectiveAgreement, "central objective vs GLOP");
    }

    [Theory]
    [InlineData("relu", 20, 60, 5, 11UL)]
    [InlineData("leaky-relu:0.1", 20, 60, 5, 12UL)]
    [InlineData("abs", 30, 90, 6, 13UL)]
    public void GivenTwoIdenticalNeuronsOnTheSupport_WhenSolved_ThenVertexAndCentralDifferButShareTheOptimum(string activation, int n, int m, int d, ulong seed)
    {
        // Duplicating the heaviest neuron of GLOP's optimum turns that vertex into an edge of optimal
        // points: a_j + a_j' fixed, split freely. The optimum itself does not change.
        var instance = SolverInstance.Network(activation, n, m, d, seed);
        var original = GlopReference.Solve(instance.Problem.Phi, instance.Problem.Labels, instance.Problem.Weights);
        var heaviest = Enumerable.Range(0, m).MaxBy(j => Math.Abs(original.Weights[j]));
        var twin = instance.WithDuplicatedNeuron(heaviest);
        var problem = twin.Problem;

        var vertex = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default, new SolverSettings { Point = OptimalPoint.Vertex });
        var central = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default, new SolverSettings { Point = OptimalPoint.Central });

        OptimalityConditions.AssertOptimal(problem, vertex);
        OptimalityConditions.AssertOptimal(problem, central);
        AssertRelative(original.Objective, vertex.Objective, ObjectiveAgreement, "vertex objective vs GLOP without the twin");
        AssertRelative(vertex.Objective, central.Objective, ObjectiveAgreement, "central vs vertex objective");
        var scale = vertex.OuterWeights.Max(Math.Abs);
        var distance = vertex.OuterWeights.Zip(central.OuterWeights, (u, v) => Math.Abs(u - v)).Max();
        Assert.True(distance > 1e-3 * scale, $"vertex and central point coincide (max difference {distance:G3}, ‖a‖_∞ = {scale:G3})");
        // Two identical columns cannot both be basic: the vertex uses at most one twin.
        Assert.True(Math.Min(Math.Abs(vertex.OuterWeights[heaviest]), Math.Abs(vertex.OuterWeights[m])) <= 1e-12 * scale,
                    $"vertex uses both twins: {vertex.OuterWeights[heaviest]:G6}, {vertex.OuterWeights[m]:G6}");
    }

    [Theory]
    [InlineData("relu", 20, 60, 5, 11UL)]
    [InlineData("abs", 30, 90, 6, 13UL)]
    public void GivenTwoIdenticalNeuronsOnTheSupport_WhenSolvedForTheCentralPoint_ThenTheTwinsShareTheirWeightEvenly(string activation, int n, int m, int d, ulong seed)
    {
        // The optimal face is symmetric under swapping the twins, so its analytic centre (what
        // OptimalPoint.Central promises) gives them equal weights. 1e-6 relative is far above the
        // rounding that can break the symmetry (identical columns, ~1e-16) and far below a visible split.
        var instance = SolverInstance.Network(activation, n, m, d, seed);
        var original = GlopReference.Solve(instance.Problem.Phi, instance.Problem.Labels, instance.Problem.Weights);
        var heaviest = Enumerable.Range(0, m).MaxBy(j => Math.Abs(original.Weights[j]));
        var problem = instance.WithDuplicatedNeuron(heaviest).Problem;

        var central = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default, new SolverSettings { Point = OptimalPoint.Central });

        Assert.Equal(SolverStatus.Solved, central.Status);
        AssertRelative(central.OuterWeights[heaviest], central.OuterWeights[m], 1e-6, "central point's twin weights");
    }

    private static void AssertRelative(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(Math.Abs(expected), 1e-300),
                    $"{what}: expected {expected:G15}, got {actual:G15} (relative difference {Math.Abs(expected - actual) / Math.Abs(expected):G3})");
}
