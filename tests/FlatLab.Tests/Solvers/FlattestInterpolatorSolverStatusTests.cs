using FlatLab.LinearAlgebra;
using FlatLab.Solvers;

namespace FlatLab.Tests.Solvers;

/// <summary>
/// The two statuses an ordinary, well-posed problem can still end in: the iteration budget runs out
/// (max_iterations), or a factorisation inside the iterations fails (numerical_error). The second is
/// driven through injected kernels whose Cholesky factorisation fails after the Gram matrix's.
/// </summary>
public sealed class FlattestInterpolatorSolverStatusTests
{
    [Theory]
    [InlineData(1.0, OptimalPoint.Vertex)]
    [InlineData(1.0, OptimalPoint.Central)]
    [InlineData(4.0 / 3.0, OptimalPoint.Vertex)]
    public void GivenOneIteration_WhenSolvingAProblemThatNeedsSeveral_ThenTheStatusIsMaxIterations(double p, OptimalPoint point)
    {
        var problem = SolverInstance.Random(30, 90, p, 201UL);
        var full = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default, new SolverSettings { Point = point });
        Assert.True(full.Status == SolverStatus.Solved && full.Iterations > 1, $"{full.Status} in {full.Iterations} iterations");

        var result = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default, new SolverSettings { Point = point, MaxIterations = 1 });

        Assert.Equal(SolverStatus.MaxIterations, result.Status);
        Assert.Equal(1, result.Iterations);
        Assert.Contains("1 ", result.Message);
        AssertNoSolution(result);
        // The certified lower bound does not depend on the iterations: it is still reported.
        Assert.Equal(full.LowerBound, result.LowerBound);
    }

    [Theory]
    [InlineData(1.0, "normal matrix")]
    [InlineData(4.0 / 3.0, "Newton matrix")]
    public void GivenKernelsWhoseCholeskyFailsAfterTheGramMatrix_WhenSolving_ThenTheStatusIsNumericalError(double p, string matrix)
    {
        var problem = SolverInstance.Random(30, 90, p, 202UL);
        var kernels = new FailingCholeskyKernels(successes: 1);

        var result = FlattestInterpolatorSolver.Solve(problem, kernels);

        Assert.Equal(SolverStatus.NumericalError, result.Status);
        Assert.Contains(matrix, result.Message);
        Assert.True(kernels.Calls > 1, "the solver never reached a factorisation inside its iterations");
        AssertNoSolution(result);
    }

    [Fact]
    public void GivenKernelsWhoseCholeskyNeverFails_WhenSolving_ThenTheTestDoubleItselfSolves()
    {
        // The double is faithful when it does not fail: the failure above is the injected one.
        var problem = SolverInstance.Random(30, 90, 1.0, 202UL);

        var result = FlattestInterpolatorSolver.Solve(problem, new FailingCholeskyKernels(int.MaxValue));

        Assert.Equal(SolverStatus.Solved, result.Status);
        OptimalityConditions.AssertOptimal(problem, result);
    }

    private static void AssertNoSolution(FlattestInterpolatorResult result)
    {
        Assert.False(result.Status.HasSolution());
        Assert.True(double.IsNaN(result.Objective) && double.IsNaN(result.DualObjective) && double.IsNaN(result.DualityGap)
                    && double.IsNaN(result.FlatnessMin) && double.IsNaN(result.PrimalResidual),
                    $"numbers must be NaN on status {result.Status}");
        Assert.Empty(result.OuterWeights);
        Assert.Empty(result.Dual);
        Assert.Null(result.AlternativeWeights);
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    /// <summary>The managed kernels, except that every Cholesky factorisation after the first
    /// <paramref name="successes"/> reports failure.</summary>
    private sealed class FailingCholeskyKernels(int successes) : IDenseKernels
    {
        private readonly ManagedKernels _inner = ManagedKernels.Instance;

        public int Calls { get; private set; }

        public string Name => "managed, failing Cholesky";

        public bool CholeskyFactor(int n, double[] a) => ++Calls <= successes && _inner.CholeskyFactor(n, a);

        public void Multiply(bool transposeA, bool transposeB, int rows, int cols, int inner, double[] a, double[] b, double[] c) =>
            _inner.Multiply(transposeA, transposeB, rows, cols, inner, a, b, c);

        public void MultiplyVector(bool transpose, int rows, int cols, double[] a, double[] x, double[] y) =>
            _inner.MultiplyVector(transpose, rows, cols, a, x, y);

        public void SymmetricRankK(int n, int m, double[] a, double[] c) => _inner.SymmetricRankK(n, m, a, c);

        public void CholeskySolve(int n, double[] factor, double[] b) => _inner.CholeskySolve(n, factor, b);

        public bool LuFactor(int n, double[] a, int[] pivots) => _inner.LuFactor(n, a, pivots);

        public void LuSolve(int n, double[] lu, int[] pivots, bool transpose, double[] b) => _inner.LuSolve(n, lu, pivots, transpose, b);

        public double[] SymmetricEigenvalues(int n, double[] a) => _inner.SymmetricEigenvalues(n, a);

        public void PivotedQr(int rows, int cols, double[] a, int[] pivots, double[] tau) => _inner.PivotedQr(rows, cols, a, pivots, tau);

        public void Qr(int rows, int cols, double[] a, double[] tau) => _inner.Qr(rows, cols, a, tau);

        public void QrFormQ(int rows, int cols, double[] a, double[] tau) => _inner.QrFormQ(rows, cols, a, tau);
    }
}
