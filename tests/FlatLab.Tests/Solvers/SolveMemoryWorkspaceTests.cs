using FlatLab.InnerWeights;
using FlatLab.LinearAlgebra;
using FlatLab.Randomness;
using FlatLab.Solvers;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Tests.Solvers;

/// <summary>
/// The buffers a solve shares to keep its peak memory down (docs/benchmarks.md#memory) must not change a bit of
/// what it computes: the Gram factor lent to the interior point comes back the same, and the separation formed
/// a block at a time is the maximum over all pairs.
/// </summary>
public sealed class SolveMemoryWorkspaceTests
{
    public static TheoryData<string> Kernels => new() { "default", "managed" };

    private static IDenseKernels Of(string name) => name == "managed" ? ManagedKernels.Instance : DenseKernels.Default;

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Given_a_lent_and_overwritten_gram_factor_When_solving_with_it_Then_the_bits_are_those_before_the_loan(string kernelName)
    {
        // Given
        var kernels = Of(kernelName);
        var problem = ScaledProblem.Create(SolverInstance.Random(30, 70, 1, 11), kernels);
        var (gram, _) = GramSystem.Create(problem, new SolverSettings());
        Assert.NotNull(gram);
        var v = Enumerable.Range(0, 30).Select(i => Math.Sin(i + 0.5)).ToArray();
        var before = gram.Solve(v);
        var projectedBefore = gram.Project(new double[70]);

        // When: the storage is lent out and scribbled over, as the normal matrix and the basis' LU factors do.
        var workspace = gram.LendWorkspace();
        Array.Fill(workspace, double.NaN);
        var after = gram.Solve(v);
        gram.LendWorkspace()[7] = 1e300;
        var projectedAfter = gram.Project(new double[70]);

        // Then
        Assert.Equal(before.Select(BitConverter.DoubleToInt64Bits), after.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(projectedBefore.Select(BitConverter.DoubleToInt64Bits), projectedAfter.Select(BitConverter.DoubleToInt64Bits));
        // And the result solves G x = v (G = ΨΨᵀ formed directly).
        var psi = new DenseMatrix(30, problem.M, problem.Psi);
        var residual = psi * (psi.TransposeThisAndMultiply(new DenseVector(after))) - new DenseVector(v);
        Assert.True(residual.InfinityNorm() < 1e-9, $"‖G x − v‖∞ = {residual.InfinityNorm()}");
    }

    [Theory]
    [InlineData("default", 600, 7)]   // three blocks, the last one short
    [InlineData("managed", 600, 7)]
    [InlineData("default", 256, 3)]   // exactly one block
    [InlineData("default", 2, 5)]
    public void Given_many_directions_When_measuring_separation_by_blocks_Then_it_is_the_largest_pair_and_the_full_product_bits(
        string kernelName, int m, int d)
    {
        // Given
        var kernels = Of(kernelName);
        var w = (DenseMatrix)SolverInstance.GaussianMatrix(m, d, new RandomSource(23).Fork(m.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var unit = FlatLab.Networks.NeuronFeatures.UnitRows(w);
        // An independent maximum over all pairs, and the maximum over the strict lower triangle of the full product.
        var pairs = 0.0;
        for (var j = 0; j < m; j++)
            for (var l = 0; l < j; l++)
            {
                var dot = 0.0;
                for (var c = 0; c < d; c++) dot += unit[j, c] * unit[l, c];
                pairs = Math.Max(pairs, Math.Abs(dot));
            }
        var full = new double[m * m];
        kernels.SymmetricRankK(m, d, unit.Values, full);
        var lower = 0.0;
        for (var l = 0; l < m; l++)
            for (var j = l + 1; j < m; j++) lower = Math.Max(lower, Math.Abs(full[j + l * m]));

        // When
        var separation = WeightDiagnostics.Separation(unit, kernels);

        // Then
        Assert.Equal(pairs, separation, 1e-14);
        Assert.Equal(lower, separation);
    }
}
