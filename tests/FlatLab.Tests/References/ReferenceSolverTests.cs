using FlatLab.Solvers;
using FlatLab.Tests.Solvers;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.References;

/// <summary>The references checked against each other and against hand-derived answers, independently of the solver.</summary>
public sealed class ReferenceSolverTests
{
    [Theory]
    [InlineData(1UL, 6)]
    [InlineData(2UL, 6)]
    [InlineData(3UL, 7)]
    [InlineData(4UL, 8)]
    [InlineData(5UL, 6)]
    public void GivenATinyLp_WhenGlopSolvesIt_ThenItMatchesTheBestBasisByEnumeration(ulong seed, int m)
    {
        var problem = SolverInstance.Random(3, m, 1.0, seed);

        var glop = GlopReference.Solve(problem.Phi, problem.Labels, problem.Weights);
        var (best, _) = BasisEnumerationReference.Solve(problem.Phi, problem.Labels, problem.Weights);

        // Both are exact vertex values up to a 3 × 3 solve: 1e-10 relative is ~10⁵ ulps.
        Assert.Equal(best, glop.Objective, best * 1e-10);
        Assert.True(glop.Residual < 1e-13, $"polished residual {glop.Residual:G3}");
    }

    [Fact]
    public void GivenATinyReluNetwork_WhenGlopSolvesIt_ThenItMatchesTheBestBasisByEnumeration()
    {
        var instance = SolverInstance.Network("relu", 3, 8, 2, 11UL);
        var problem = instance.Problem;

        var glop = GlopReference.Solve(problem.Phi, problem.Labels, problem.Weights);
        var (best, _) = BasisEnumerationReference.Solve(problem.Phi, problem.Labels, problem.Weights);

        Assert.Equal(best, glop.Objective, best * 1e-10);
    }

    [Theory]
    [InlineData("relu", OuterWeighting.Exact)]
    [InlineData("leaky-relu:0.1", OuterWeighting.Unit)]
    [InlineData("abs", OuterWeighting.Exact)]
    public void GivenANetworkLp_WhenGlopSolvesIt_ThenItsVertexAndRowDualsPassTheOptimalityHarness(string activation, OuterWeighting weighting)
    {
        var instance = SolverInstance.Network(activation, 20, 60, 5, 21UL, weighting);

        var glop = GlopReference.Solve(instance.Problem.Phi, instance.Problem.Labels, instance.Problem.Weights);
        var result = ReferenceResults.From(instance.Problem, glop);

        OptimalityConditions.AssertOptimal(instance.Problem, result);
        Assert.True(result.Support <= instance.Problem.SampleCount, $"a vertex has at most n = 20 non-zeros, got {result.Support}");
        Assert.True(glop.Residual <= 1e-13 * Math.Max(1, instance.Problem.Labels.Max(Math.Abs)), $"polished residual {glop.Residual:G3}");
    }

    [Fact]
    public void GivenP2_WhenTheNullSpaceNewtonReferenceSolves_ThenItMatchesTheClosedFormWeightedMinNormSolution()
    {
        var problem = SolverInstance.Random(10, 30, 2.0, 31UL);

        var newton = NullSpaceNewtonReference.Solve(problem.Phi, problem.Labels, problem.Weights, 2.0);
        var closed = WeightedMinNormReference.Solve(problem.Phi, problem.Labels, problem.Weights);

        Assert.Equal(closed.Objective, newton.Objective, closed.Objective * 1e-11);
        for (var j = 0; j < closed.Weights.Length; j++) Assert.Equal(closed.Weights[j], newton.Weights[j], 1e-9);
        for (var i = 0; i < closed.Dual.Length; i++) Assert.Equal(closed.Dual[i], newton.Dual[i], 1e-8 * closed.Dual.Max(Math.Abs));
        // At p = 2, q = 2 and the lower bound ‖b*‖₂² is the optimum itself.
        Assert.Equal(closed.Objective, OptimalityConditions.LowerBound(problem), closed.Objective * 1e-10);
    }

    [Theory]
    [InlineData(4.0 / 3.0)]
    [InlineData(1.5)]
    [InlineData(1.2)]
    [InlineData(2.0)]
    public void GivenASmoothP_WhenTheNullSpaceNewtonReferenceSolves_ThenItsStationarityDualClosesTheGap(double p)
    {
        // The dual comes from Φᵀλ = ∇f(a) alone; that y·λ − Σ h*((Ψᵀλ)_j) then equals the primal
        // optimum checks the reference and the harness's conjugate h* against each other.
        var problem = SolverInstance.Random(15, 45, p, 41UL);

        var newton = NullSpaceNewtonReference.Solve(problem.Phi, problem.Labels, problem.Weights, p);
        var result = ReferenceResults.From(problem, newton);

        OptimalityConditions.AssertOptimal(problem, result, new OptimalityTolerances { Gap = 1e-11 });
        // Below p = 2 the bound is strict (‖b*‖₂²/‖b*‖_q < the optimum unless b* is flat); at p = 2 it is the optimum.
        if (p < 2) Assert.True(result.LowerBound < result.Objective * (1 - 1e-6), $"bound {result.LowerBound} vs optimum {result.Objective}");
        else Assert.Equal(result.Objective, result.LowerBound, result.Objective * 1e-10);
    }

    [Theory]
    [InlineData(1.2)]
    [InlineData(1.5)]
    public void GivenASmoothP_WhenTheReferenceOptimumIsMovedAlongTheNullSpace_ThenTheObjectiveRises(double p)
    {
        var problem = SolverInstance.Random(12, 36, p, 51UL);
        var newton = NullSpaceNewtonReference.Solve(problem.Phi, problem.Labels, problem.Weights, p);
        var basis = problem.Phi.Kernel();

        foreach (var direction in basis.Take(5))
            foreach (var step in new[] { 1e-3, -1e-3 })
            {
                var moved = newton.Weights.Select((v, j) => v + step * direction[j]).ToArray();
                Assert.True(OptimalityConditions.Objective(problem, moved) > newton.Objective,
                            "a feasible neighbour of the reference optimum has a lower objective");
            }
    }

    [Fact]
    public void GivenAGlopSolution_WhenItIsPerturbed_ThenTheHarnessReportsEachBrokenCondition()
    {
        var instance = SolverInstance.Network("relu", 20, 60, 5, 61UL);
        var problem = instance.Problem;
        var glop = GlopReference.Solve(problem.Phi, problem.Labels, problem.Weights);
        var good = ReferenceResults.From(problem, glop);
        Assert.Empty(OptimalityConditions.Violations(problem, good));

        var offSupport = Array.FindIndex(glop.Weights, v => v == 0);
        var infeasible = glop.Weights.ToArray();
        infeasible[offSupport] = 1e-6;
        Assert.Contains(OptimalityConditions.Violations(problem, ReferenceResults.From(problem, glop with { Weights = infeasible })),
                        s => s.StartsWith("‖Φa − y‖_∞"));

        var scaled = glop with { Dual = glop.Dual.Select(v => v * (1 + 1e-6)).ToArray() };
        Assert.Contains(OptimalityConditions.Violations(problem, ReferenceResults.From(problem, scaled)), s => s.StartsWith("dual infeasible"));

        var lying = good with { Objective = good.Objective * (1 + 1e-8) };
        Assert.Contains(OptimalityConditions.Violations(problem, lying), s => s.StartsWith("Objective"));

        var wrongBound = good with { LowerBound = good.Objective * 1.001 };
        Assert.Contains(OptimalityConditions.Violations(problem, wrongBound), s => s.StartsWith("LowerBound"));
    }

    [Fact]
    public void GivenANewtonSolution_WhenItIsMovedOffTheOptimum_ThenTheHarnessReportsStationarityAndGap()
    {
        var problem = SolverInstance.Random(12, 36, 4.0 / 3.0, 71UL);
        var newton = NullSpaceNewtonReference.Solve(problem.Phi, problem.Labels, problem.Weights, problem.P);
        var direction = problem.Phi.Kernel()[0];
        var moved = newton with { Weights = newton.Weights.Select((v, j) => v + 1e-4 * direction[j]).ToArray() };

        var violations = OptimalityConditions.Violations(problem, ReferenceResults.From(problem, moved));

        Assert.Contains(violations, s => s.StartsWith("stationarity"));
        Assert.Contains(violations, s => s.StartsWith("duality gap"));
    }

    [Fact]
    public void GivenADeadNeuron_WhenTheReferencesSolve_ThenItsWeightIsZero()
    {
        var problem = SolverInstance.Random(10, 30, 1.5, 81UL);
        var phi = problem.Phi.Clone();
        phi.ClearColumn(4);
        var c = problem.Weights.ToArray();
        c[4] = 0;
        var dead = problem with { Phi = (MathNet.Numerics.LinearAlgebra.Double.DenseMatrix)phi, Weights = c };

        Assert.Equal(0.0, NullSpaceNewtonReference.Solve(dead.Phi, dead.Labels, dead.Weights, 1.5).Weights[4]);
        Assert.Equal(0.0, GlopReference.Solve(dead.Phi, dead.Labels, dead.Weights).Weights[4]);
        Assert.Equal(0.0, WeightedMinNormReference.Solve(dead.Phi, dead.Labels, dead.Weights).Weights[4]);
    }
}
