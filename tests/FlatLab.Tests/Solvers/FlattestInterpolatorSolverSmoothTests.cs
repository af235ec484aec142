using FlatLab.LinearAlgebra;
using FlatLab.Networks;
using FlatLab.Solvers;
using FlatLab.Tests.References;

namespace FlatLab.Tests.Solvers;

/// <summary>
/// 1 &lt; p ≤ 2: the smooth problem solved by the solver's dual Newton method, checked by the
/// optimality harness and against the primal null-space Newton reference (or the closed form at
/// p = 2) to 1e-8 relative in the objective.
/// </summary>
public sealed class FlattestInterpolatorSolverSmoothTests
{
    private const double ObjectiveAgreement = 1e-8;

    public static TheoryData<string, OuterWeighting, int, int, int, ulong> Networks() => new()
    {
        { "quadratic", OuterWeighting.Exact, 20, 60, 8, 21UL },      // p = 4/3; rank Φ ≤ d(d+1)/2 = 36 ≥ n
        { "quadratic", OuterWeighting.Unit, 30, 90, 10, 22UL },
        { "relu-power:3", OuterWeighting.Exact, 20, 60, 5, 23UL },   // p = 3/2
        { "relu-power:3", OuterWeighting.Unit, 40, 120, 6, 24UL },
        { "relu-power:2", OuterWeighting.Exact, 80, 240, 15, 25UL }, // p = 4/3, larger
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void GivenAHigherDegreeNetwork_WhenSolved_ThenItIsOptimalAndMatchesTheNullSpaceReference(string activation, OuterWeighting weighting, int n, int m, int d, ulong seed)
    {
        var problem = SolverInstance.Network(activation, n, m, d, seed, weighting).Problem;
        var reference = NullSpaceNewtonReference.Solve(problem.Phi, problem.Labels, problem.Weights, problem.P);

        var result = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default);

        OptimalityConditions.AssertOptimal(problem, result);
        AssertRelative(reference.Objective, result.Objective, ObjectiveAgreement, $"objective vs null-space reference (p = {problem.P})");
        // The optimum is unique for p > 1: the weights agree too, to the conditioning of the problem.
        var scale = reference.Weights.Max(Math.Abs);
        var distance = reference.Weights.Zip(result.OuterWeights, (u, v) => Math.Abs(u - v)).Max();
        Assert.True(distance <= 1e-5 * scale, $"weights differ from the reference by {distance:G3} (‖a‖_∞ = {scale:G3})");
    }

    [Theory]
    [InlineData(1.2, 15, 45, 31UL)]
    [InlineData(1.2, 40, 100, 32UL)]
    [InlineData(1.7, 20, 70, 33UL)]
    [InlineData(1.05, 12, 36, 34UL)]
    public void GivenARandomPhiAndWeights_WhenSolvedAtAGeneralP_ThenItMatchesTheNullSpaceReference(double p, int n, int m, ulong seed)
    {
        var problem = SolverInstance.Random(n, m, p, seed);
        var reference = NullSpaceNewtonReference.Solve(problem.Phi, problem.Labels, problem.Weights, p);

        var result = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default);

        OptimalityConditions.AssertOptimal(problem, result);
        Assert.Null(result.Point);
        AssertRelative(reference.Objective, result.Objective, ObjectiveAgreement, $"objective vs null-space reference (p = {p})");
    }

    [Theory]
    [InlineData(10, 30, 41UL)]
    [InlineData(25, 80, 42UL)]
    public void GivenP2_WhenSolved_ThenItIsTheClosedFormWeightedMinimumNormInterpolator(int n, int m, ulong seed)
    {
        var problem = SolverInstance.Random(n, m, 2.0, seed);
        var closed = WeightedMinNormReference.Solve(problem.Phi, problem.Labels, problem.Weights);

        var result = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default);

        OptimalityConditions.AssertOptimal(problem, result);
        AssertRelative(closed.Objective, result.Objective, 1e-10, "objective vs yᵀ(ΦC⁻¹Φᵀ)⁻¹y");
        var scale = closed.Weights.Max(Math.Abs);
        for (var j = 0; j < m; j++)
            Assert.True(Math.Abs(closed.Weights[j] - result.OuterWeights[j]) <= 1e-8 * scale, $"a_{j}: {closed.Weights[j]} vs {result.OuterWeights[j]}");
        // q = 2 makes the certified bound ‖b*‖₂² exact.
        AssertRelative(result.Objective, result.LowerBound, 1e-9, "lower bound at p = 2");
    }

    [Theory]
    [InlineData("relu", 1.0)]
    [InlineData("quadratic", 4.0 / 3.0)]
    [InlineData("relu-power:3", 1.5)]
    public void GivenDeadNeurons_WhenSolved_ThenTheirOuterWeightsAreExactlyZero(string activation, double p)
    {
        var instance = SolverInstance.Network(activation, 20, 60, 8, 51UL);
        var features = NeuronFeatures.Compute(instance.X, instance.W, instance.Activation, DenseKernels.Default);
        var phi = features.Phi.Clone();
        var s = features.S.ToArray();
        var t = features.T.ToArray();
        int[] dead = [0, 7, 59];
        foreach (var j in dead)
        {
            phi.ClearColumn(j);
            s[j] = t[j] = 0;
        }
        var deadFeatures = features with { Phi = (MathNet.Numerics.LinearAlgebra.Double.DenseMatrix)phi, S = s, T = t };
        var problem = FlattestInterpolatorProblem.Create(deadFeatures, instance.Labels, OuterWeighting.Exact);
        Assert.All(dead, j => Assert.Equal(0.0, problem.Weights[j]));
        Assert.Equal(p, problem.P, 1e-15);

        var result = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default);

        OptimalityConditions.AssertOptimal(problem, result);
        Assert.All(dead, j => Assert.Equal(0.0, result.OuterWeights[j]));
        var reference = p == 1
            ? GlopReference.Solve(problem.Phi, problem.Labels, problem.Weights)
            : NullSpaceNewtonReference.Solve(problem.Phi, problem.Labels, problem.Weights, p);
        AssertRelative(reference.Objective, result.Objective, ObjectiveAgreement, "objective with dead neurons vs reference");
    }

    private static void AssertRelative(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(Math.Abs(expected), 1e-300),
                    $"{what}: expected {expected:G15}, got {actual:G15} (relative difference {Math.Abs(expected - actual) / Math.Abs(expected):G3})");
}
