using FlatLab.LinearAlgebra;
using FlatLab.Solvers;
using FlatLab.Tests.References;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Tests.Solvers;

/// <summary>
/// What the solver must not do: return Solved with a wrong number. Infeasible problems, and problems
/// too ill-conditioned to certify, must come back Infeasible or IllConditioned with NaN numbers and no
/// weights (consistent rank-deficient ones are solved: FlattestInterpolatorSolverRankTests); wrong
/// dimensions must throw ArgumentException naming the sizes.
/// </summary>
public sealed class FlattestInterpolatorSolverFailureTests
{
    [Theory]
    [InlineData(20, 5)]
    [InlineData(30, 10)]
    public void GivenALinearNetworkWithMoreSamplesThanDimensionsAndNoisyLabels_WhenSolved_ThenItIsInfeasible(int n, int d)
    {
        // rank Φ = rank(X Wᵀ) ≤ d < n, and Gaussian label noise puts y outside that range.
        var problem = SolverInstance.Network("linear", n, 3 * n, d, 91UL, noise: 0.1).Problem;

        var result = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default);

        Assert.Equal(SolverStatus.Infeasible, result.Status);
        AssertNoSolution(result);
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("quadratic")]
    public void GivenADuplicatedSampleWithDifferentLabels_WhenSolved_ThenItIsInfeasibleOrIllConditioned(string activation)
    {
        var instance = SolverInstance.Network(activation, 20, 60, 8, 93UL);
        var x = instance.X.Clone();
        x.SetRow(1, x.Row(0));
        var y = instance.Labels.ToArray();
        y[1] = y[0] + 0.5;
        var problem = SolverInstance.Build(x, y, instance.W, instance.Activation, instance.Weighting).Problem;

        var result = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default);

        Assert.True(result.Status is SolverStatus.Infeasible or SolverStatus.IllConditioned, $"status {result.Status}: {result.Message}");
        AssertNoSolution(result);
    }

    [Theory]
    [InlineData("relu", 1e-13)]
    [InlineData("abs", 1e-13)]
    [InlineData("quadratic", 1e-13)]
    public void GivenNearlyParallelSamplesBeyondTheConditionCeiling_WhenSolved_ThenItIsIllConditionedWithKappa(string activation, double delta)
    {
        // x₁ = x₀ + δ g makes κ(Φ) ≈ 1/δ · O(1) (measured: 1.1e14 for ReLU at δ = 1e-13), beyond the 1e12 up to
        // which the rank-revealing path solves (docs/solver.md): the optimum would depend on the last digits of Φ.
        var problem = NearlyParallel(activation, delta, sameLabel: true);
        Assert.True(TrueCondition(problem) > 1e13, $"the instance is not ill-conditioned enough: κ = {TrueCondition(problem):G3}");

        var result = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default);

        Assert.True(result.Status is SolverStatus.IllConditioned,
                    $"κ(Φ) = {TrueCondition(problem):G3} > 1e12, but the status is {result.Status} " +
                    $"(estimate {result.ConditionEstimate:G3}, objective {result.Objective:G10}): {result.Message}");
        Assert.True(result.ConditionEstimate > 1e12, $"reported κ {result.ConditionEstimate:G3}");
        Assert.Contains("κ ≈", result.Message);
        AssertNoSolution(result);
    }

    [Theory]
    [InlineData("relu", 1e-4)]
    [InlineData("abs", 1e-4)]
    [InlineData("quadratic", 1e-4)]
    public void GivenNearlyParallelSamplesWithinTheConditionLimit_WhenSolved_ThenItIsSolvedAndMatchesTheReference(string activation, double delta)
    {
        // κ(Φ) ≈ 2e5 here: five orders below the limit, an ordinary well-posed problem.
        var problem = NearlyParallel(activation, delta, sameLabel: true);
        var kappa = TrueCondition(problem);
        Assert.True(kappa < 1e7, $"κ = {kappa:G3}");
        var reference = problem.P == 1
            ? GlopReference.Solve(problem.Phi, problem.Labels, problem.Weights)
            : NullSpaceNewtonReference.Solve(problem.Phi, problem.Labels, problem.Weights, problem.P);

        var result = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default);

        Assert.True(result.Status == SolverStatus.Solved, $"κ(Φ) = {kappa:G3}: status {result.Status}, {result.Message}");
        // The lower bound is a function of b* = Ψᵀ(ΨΨᵀ)⁻¹y, whose relative accuracy is about κ·ε at best.
        OptimalityConditions.AssertOptimal(problem, result, new OptimalityTolerances { LowerBoundAgreement = 1e-6 });
        Assert.True(Math.Abs(result.Objective - reference.Objective) <= 1e-8 * reference.Objective,
                    $"objective {result.Objective:G15} vs reference {reference.Objective:G15}");
    }

    [Fact]
    public void GivenLabelsOfTheWrongLength_WhenValidated_ThenTheMessageNamesBothSizes()
    {
        var problem = SolverInstance.Random(20, 60, 1.0, 94UL);
        var bad = problem with { Labels = problem.Labels.Take(19).ToArray() };

        var error = Assert.Throws<ArgumentException>(() => bad.Validate());
        Assert.Contains("20", error.Message);
        Assert.Contains("19", error.Message);
        Assert.Throws<ArgumentException>(() => FlattestInterpolatorSolver.Solve(bad, DenseKernels.Default));
    }

    [Fact]
    public void GivenWeightsOfTheWrongLength_WhenValidated_ThenTheMessageNamesBothSizes()
    {
        var problem = SolverInstance.Random(20, 60, 1.5, 95UL);
        var bad = problem with { Weights = problem.Weights.Take(59).ToArray() };

        var error = Assert.Throws<ArgumentException>(() => bad.Validate());
        Assert.Contains("60", error.Message);
        Assert.Contains("59", error.Message);
        Assert.Throws<ArgumentException>(() => FlattestInterpolatorSolver.Solve(bad, DenseKernels.Default));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(2.5)]
    [InlineData(double.NaN)]
    public void GivenAnExponentOutsideOneToTwo_WhenSolved_ThenItThrowsNamingTheExponent(double p)
    {
        var bad = SolverInstance.Random(10, 30, 1.0, 96UL) with { P = p };

        var error = Assert.Throws<ArgumentException>(() => FlattestInterpolatorSolver.Solve(bad, DenseKernels.Default));
        Assert.Contains(p.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
    }

    [Fact]
    public void GivenNegativeWeightOrNonFiniteData_WhenSolved_ThenItThrows()
    {
        var problem = SolverInstance.Random(10, 30, 1.0, 97UL);
        var negative = problem.Weights.ToArray();
        negative[3] = -1;
        var labels = problem.Labels.ToArray();
        labels[2] = double.NaN;
        var phi = (DenseMatrix)problem.Phi.Clone();
        phi[4, 5] = double.PositiveInfinity;

        Assert.Throws<ArgumentException>(() => FlattestInterpolatorSolver.Solve(problem with { Weights = negative }, DenseKernels.Default));
        Assert.Throws<ArgumentException>(() => FlattestInterpolatorSolver.Solve(problem with { Labels = labels }, DenseKernels.Default));
        Assert.Throws<ArgumentException>(() => FlattestInterpolatorSolver.Solve(problem with { Phi = phi }, DenseKernels.Default));
        Assert.Throws<ArgumentException>(() => FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default, new SolverSettings { GapTolerance = 0 }));
    }

    private static FlattestInterpolatorProblem NearlyParallel(string activation, double delta, bool sameLabel)
    {
        var instance = SolverInstance.Network(activation, 20, 60, activation == "quadratic" ? 8 : 5, 98UL);
        var g = SolverInstance.GaussianMatrix(1, instance.X.ColumnCount, new FlatLab.Randomness.RandomSource(99)).Row(0);
        var x = instance.X.Clone();
        x.SetRow(1, x.Row(0) + delta * g);
        var y = instance.Labels.ToArray();
        if (sameLabel) y[1] = y[0];
        return SolverInstance.Build(x, y, instance.W, instance.Activation, instance.Weighting).Problem;
    }

    private static double TrueCondition(FlattestInterpolatorProblem problem)
    {
        var s = problem.Phi.Svd(computeVectors: false).S;
        return s[0] / s[s.Count - 1];
    }

    private static void AssertNoSolution(FlattestInterpolatorResult result)
    {
        Assert.False(result.Status.HasSolution());
        Assert.True(double.IsNaN(result.Objective), $"Objective = {result.Objective} on status {result.Status}");
        Assert.True(double.IsNaN(result.DualObjective) && double.IsNaN(result.DualityGap) && double.IsNaN(result.FlatnessMin),
                    "dual objective, gap and flatness must be NaN without a solution");
        Assert.Empty(result.OuterWeights);
        Assert.Empty(result.Dual);
        Assert.Null(result.AlternativeWeights);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }
}
