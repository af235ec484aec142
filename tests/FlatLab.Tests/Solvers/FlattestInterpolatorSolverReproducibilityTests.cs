using FlatLab.LinearAlgebra;
using FlatLab.Solvers;
using FlatLab.Tests.LinearAlgebra;

namespace FlatLab.Tests.Solvers;

/// <summary>Bit-identical repeated solves, and the same optimum with the managed and the OpenBLAS kernels.</summary>
public sealed class FlattestInterpolatorSolverReproducibilityTests
{
    public static TheoryData<string, OuterWeighting, int, ulong> Cases() => new()
    {
        { "relu", OuterWeighting.Exact, 5, 101UL },
        { "abs", OuterWeighting.Unit, 5, 102UL },
        { "quadratic", OuterWeighting.Exact, 8, 103UL },
        { "relu-power:3", OuterWeighting.Unit, 5, 104UL },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GivenTheSameSeed_WhenTheInstanceIsBuiltAndSolvedTwice_ThenTheResultsAreBitIdentical(string activation, OuterWeighting weighting, int d, ulong seed)
    {
        foreach (var point in new[] { OptimalPoint.Vertex, OptimalPoint.Central })
        {
            var settings = new SolverSettings { Point = point };
            var first = FlattestInterpolatorSolver.Solve(SolverInstance.Network(activation, 30, 90, d, seed, weighting).Problem, DenseKernels.Default, settings);
            var second = FlattestInterpolatorSolver.Solve(SolverInstance.Network(activation, 30, 90, d, seed, weighting).Problem, DenseKernels.Default, settings);

            Assert.Equal(SolverStatus.Solved, first.Status);
            Assert.Equal(Bits(first.Objective), Bits(second.Objective));
            Assert.Equal(Bits(first.DualObjective), Bits(second.DualObjective));
            Assert.Equal(Bits(first.LowerBound), Bits(second.LowerBound));
            Assert.Equal(first.OuterWeights.Select(Bits), second.OuterWeights.Select(Bits));
            Assert.Equal(first.Dual.Select(Bits), second.Dual.Select(Bits));
            Assert.Equal(first.AlternativeWeights?.Select(Bits), second.AlternativeWeights?.Select(Bits));
            Assert.Equal(first.Iterations, second.Iterations);
            Assert.Equal(first.Point, second.Point);
        }
    }

    [OpenBlasTheory]
    [MemberData(nameof(Cases))]
    public void GivenManagedAndOpenBlasKernels_WhenSolving_ThenBothAreOptimalWithTheSameObjective(string activation, OuterWeighting weighting, int d, ulong seed)
    {
        var blas = OpenBlas.Kernels;
        var problem = SolverInstance.Network(activation, 30, 90, d, seed, weighting).Problem;

        var managed = FlattestInterpolatorSolver.Solve(problem, ManagedKernels.Instance);
        var native = FlattestInterpolatorSolver.Solve(problem, blas);

        OptimalityConditions.AssertOptimal(problem, managed);
        OptimalityConditions.AssertOptimal(problem, native);
        // Both meet a 1e-10 relative gap to the same optimum; 1e-9 allows for both errors plus rounding.
        Assert.True(Math.Abs(managed.Objective - native.Objective) <= 1e-9 * Math.Abs(managed.Objective),
                    $"managed {managed.Objective:G17} vs OpenBLAS {native.Objective:G17}");
    }

    private static long Bits(double v) => BitConverter.DoubleToInt64Bits(v);
}
