using System.Reflection;
using FlatLab.Activations;
using FlatLab.InnerWeights;
using FlatLab.LinearAlgebra;
using FlatLab.Randomness;
using FlatLab.Tests.Flatness;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.InnerWeights;

public sealed class WeightDiagnosticsTests
{
    /// <summary>Managed kernels whose rank-k update leaves NaN above the diagonal: only the lower triangle is
    /// promised. A dispatch proxy forwards every other member, so the stub follows the interface as it grows.</summary>
    public class LowerOnlyKernels : DispatchProxy
    {
        public static IDenseKernels Create() => Create<IDenseKernels, LowerOnlyKernels>();

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            var result = method!.Invoke(ManagedKernels.Instance, args);
            if (method.Name == nameof(IDenseKernels.SymmetricRankK))
            {
                var n = (int)args![0]!;
                var c = (double[])args[3]!;
                for (var col = 1; col < n; col++)
                    for (var row = 0; row < col; row++) c[row + col * n] = double.NaN;
            }
            return result;
        }
    }

    private static Matrix<double> UnitRows(Matrix<double> w) =>
        Matrix<double>.Build.DenseOfRowVectors(w.EnumerateRows().Select(r => r / r.L2Norm()));

    private static Matrix<double> Phi(Matrix<double> x, Matrix<double> w, Activation sigma) =>
        Matrix<double>.Build.Dense(x.RowCount, w.RowCount, (i, j) => sigma.Value(x.Row(i) * w.Row(j)));

    [Theory]
    [InlineData(6, 10, "relu")]
    [InlineData(6, 10, "quadratic")]
    [InlineData(12, 5, "leaky-relu:0.1")]
    public void GivenSmallProblem_WhenDiagnosed_ThenMatchesDirectSvdAndPairwiseLoop(int n, int m, string name)
    {
        var sigma = ActivationParser.Parse(name);
        var random = new RandomSource(17).Fork(name);
        var x = NaiveNetwork.Gaussian(n, 4, random);
        var w = NaiveNetwork.Gaussian(m, 4, random, 3.0);
        var unit = UnitRows(w);
        var singular = Phi(x, unit, sigma).Svd(computeVectors: false).S;
        var separation = 0.0;
        for (var j = 0; j < m; j++)
            for (var l = 0; l < m; l++)
                if (j != l) separation = Math.Max(separation, Math.Abs(unit.Row(j) * unit.Row(l)));

        foreach (var kernels in new IDenseKernels[] { LowerOnlyKernels.Create(), DenseKernels.Default })
        {
            var result = WeightDiagnostics.Compute(x, w, sigma, kernels);
            Assert.Equal(separation, result.Separation, 1e-14);
            Assert.Equal(singular.Maximum(), result.LargestSingularValue, 1e-10 * singular.Maximum());
            Assert.Equal(singular.Minimum(), result.SmallestSingularValue, 1e-8 * singular.Maximum());
            var kappa = singular.Maximum() / singular.Minimum();
            Assert.Equal(kappa, result.ConditionNumber, 1e-6 * kappa);
        }
    }

    [Fact]
    public void GivenRepeatedDirections_WhenDiagnosed_ThenRankDeficientGivesInfiniteConditionAndUnitSeparation()
    {
        var sigma = ActivationParser.Parse("relu");
        var random = new RandomSource(5);
        var x = NaiveNetwork.Gaussian(6, 4, random);
        var two = NaiveNetwork.Gaussian(2, 4, random);
        var w = Matrix<double>.Build.Dense(10, 4, (j, c) => (1 + j) * two[j % 2, c]); // rank Φ ≤ 2 < n = 6

        var result = WeightDiagnostics.Compute(x, w, sigma, LowerOnlyKernels.Create());

        Assert.True(double.IsPositiveInfinity(result.ConditionNumber));
        Assert.Equal(0.0, result.SmallestSingularValue);
        Assert.Equal(1.0, result.Separation, 1e-14);
        Assert.True(result.LargestSingularValue > 0);
    }

    [Fact]
    public void GivenOneNeuron_WhenDiagnosed_ThenSeparationIsNaN()
    {
        var random = new RandomSource(5);
        var result = WeightDiagnostics.Compute(NaiveNetwork.Gaussian(1, 3, random), NaiveNetwork.Gaussian(1, 3, random),
                                               ActivationParser.Parse("abs"), DenseKernels.Default);
        Assert.True(double.IsNaN(result.Separation));
    }
}
