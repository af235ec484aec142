using FlatLab.Solvers;
using FlatLab.Tests.References;

namespace FlatLab.Tests.Solvers;

/// <summary>
/// Wraps a reference solution in a <see cref="FlattestInterpolatorResult"/> with every number
/// recomputed from a and λ, so the optimality harness can be run on the references themselves
/// (which tests the harness and the references against each other before the solver exists).
/// </summary>
public static class ReferenceResults
{
    public static FlattestInterpolatorResult From(FlattestInterpolatorProblem problem, ReferenceSolution reference)
    {
        var p = problem.P;
        var a = reference.Weights;
        var objective = OptimalityConditions.Objective(problem, a);
        var dual = OptimalityConditions.DualObjective(problem, reference.Dual);
        var s = (problem.Phi.Transpose() * MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(reference.Dual)).ToArray();
        var infeasibility = p > 1 ? 0 : Math.Max(0, Enumerable.Range(0, s.Length).Where(j => problem.Weights[j] > 0)
                                                     .Select(j => Math.Abs(s[j]) / problem.Weights[j] - 1).DefaultIfEmpty(0).Max());
        return new FlattestInterpolatorResult
        {
            Status = SolverStatus.Solved,
            Message = "reference",
            P = p,
            Objective = objective,
            FlatnessMin = problem.FlatnessScale * objective,
            LowerBound = OptimalityConditions.LowerBound(problem),
            DualObjective = dual,
            DualityGap = objective - dual,
            PrimalResidual = OptimalityConditions.Residual(problem, a),
            DualInfeasibility = infeasibility,
            UnitLpNorm = a.Sum(x => Math.Pow(Math.Abs(x), p)),
            OuterWeights = a,
            Dual = reference.Dual,
            Point = p == 1 ? OptimalPoint.Vertex : null,
            Support = a.Count(x => x != 0),
            Iterations = reference.Iterations,
        };
    }
}
