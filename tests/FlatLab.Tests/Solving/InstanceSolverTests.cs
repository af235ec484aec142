using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.Flatness;
using FlatLab.InnerWeights;
using FlatLab.LinearAlgebra;
using FlatLab.Networks;
using FlatLab.Population;
using FlatLab.Randomness;
using FlatLab.Solvers;
using FlatLab.Solving;
using FlatLab.Tests.Flatness;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.Solving;

public sealed class InstanceSolverTests
{
    private static (DataModel Model, Dataset Sample, Matrix<double> W) Instance(string activation, int d, int n, int m, ulong seed)
    {
        var random = new RandomSource(seed);
        var sigma = ActivationParser.Parse(activation);
        var model = DataModelFactory.Create(new DataModelSpec(d, 1, LinkKind.SingleIndex, sigma, NoiseStd: 0.1), random.Fork("model"));
        var sample = DataSampler.Sample(model, n, random.Fork("sample"));
        // Rows of W of unequal norms: only their directions may matter.
        var w = CorrelatedWeights.Sample(model.Directions, m, 0.4, random.Fork("weights"));
        for (var j = 0; j < m; j++) w.SetRow(j, w.Row(j) * (0.5 + j % 3));
        return (model, sample, w);
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("quadratic")]
    public void GivenAnInstanceWithADataModel_WhenSolved_ThenEveryPartMatchesAnIndependentComputation(string activation)
    {
        var (model, sample, w) = Instance(activation, 5, 12, 30, 21);
        var sigma = ActivationParser.Parse(activation);
        var kernels = DenseKernels.Default;

        var result = InstanceSolver.Solve(new InstanceSpec
        {
            Sample = sample, InnerWeights = w, Activation = sigma,
            Population = new PopulationLossSpec { Model = model }, PopulationRandom = new RandomSource(4),
        }, kernels);

        // Unit directions, and the features of them.
        for (var j = 0; j < w.RowCount; j++)
        {
            Assert.Equal(1.0, result.UnitDirections.Row(j).L2Norm(), 1e-14);
            Assert.Equal(0.0, (result.UnitDirections.Row(j) - w.Row(j) / w.Row(j).L2Norm()).L2Norm(), 1e-14);
        }
        var phi = Matrix<double>.Build.Dense(12, 30, (i, j) => sigma.Value(sample.Features.Row(i) * result.UnitDirections.Row(j)));
        Assert.True((phi - result.Features.Phi).L2Norm() < 1e-12 * phi.L2Norm());

        // The solution is the solver's, and interpolates.
        var direct = FlattestInterpolatorSolver.Solve(FlattestInterpolatorProblem.Create(result.Features, sample.Labels, OuterWeighting.Exact), kernels);
        Assert.Equal(SolverStatus.Solved, result.Solution.Status);
        Assert.Equal(direct.OuterWeights, result.Solution.OuterWeights);
        var residual = phi * Vector<double>.Build.DenseOfArray(result.Solution.OuterWeights) - Vector<double>.Build.DenseOfArray(sample.Labels);
        Assert.True(residual.InfinityNorm() < 1e-7, $"residual {residual.InfinityNorm()}");

        // κ(Φ) from a singular value decomposition, the separation from a pairwise loop.
        var singular = phi.Svd(computeVectors: false).S;
        var kappa = singular.Maximum() / singular.Minimum();
        Assert.Equal(kappa, result.PhiCondition, 1e-8 * kappa);
        var separation = 0.0;
        for (var j = 0; j < 30; j++)
            for (var l = j + 1; l < 30; l++)
                separation = Math.Max(separation, Math.Abs(result.UnitDirections.Row(j) * result.UnitDirections.Row(l)));
        Assert.Equal(separation, result.Separation, 1e-14);

        // The population loss of the unit directions and the solution, from the given random source.
        var loss = PopulationLoss.Compute(model, result.UnitDirections, result.Solution.OuterWeights, sigma, kernels, new RandomSource(4));
        Assert.Equal(loss, result.PopulationLoss);
        Assert.Null(result.PopulationLossAlternative); // the vertex has no alternative point unless asked for
    }

    [Fact]
    public void GivenRepeatedDirections_WhenSolved_ThenPhiIsRankDeficientAndNoPopulationLossIsComputed()
    {
        var (model, sample, _) = Instance("relu", 4, 8, 20, 3);
        var two = NaiveNetwork.Gaussian(2, 4, new RandomSource(9));
        var w = Matrix<double>.Build.Dense(20, 4, (j, c) => (1 + j) * two[j % 2, c]); // rank Φ ≤ 2 < n

        var result = InstanceSolver.Solve(new InstanceSpec
        {
            Sample = sample, InnerWeights = w, Activation = ActivationParser.Parse("relu"),
            Population = new PopulationLossSpec { Model = model }, PopulationRandom = new RandomSource(1),
        }, DenseKernels.Default);

        Assert.True(double.IsPositiveInfinity(result.PhiCondition));
        Assert.False(result.Solution.Status.HasSolution());
        Assert.Null(result.PopulationLoss);
        Assert.Equal(1.0, result.Separation, 1e-14);
    }

    [Fact]
    public void GivenAPopulationLossWithoutItsRandomSource_WhenSolved_ThenItIsRejected()
    {
        var (model, sample, w) = Instance("relu", 4, 8, 20, 3);

        var e = Assert.Throws<ArgumentException>(() => InstanceSolver.Solve(new InstanceSpec
        {
            Sample = sample, InnerWeights = w, Activation = ActivationParser.Parse("relu"),
            Population = new PopulationLossSpec { Model = model },
        }, DenseKernels.Default));

        Assert.Contains("PopulationRandom", e.Message);
    }

    [Fact]
    public void GivenGramEigenvaluesOfAnyScale_WhenTheConditionIsTaken_ThenItIsTheRatioOfSingularValuesOrInfinity()
    {
        // Φ with singular values 4 and 0.5: ΦΦᵀ has eigenvalues 16 and 0.25, ΦΦᵀ/n a scaled copy.
        Assert.Equal(8.0, WeightDiagnostics.PhiCondition([0.25, 16], 2, 5), 1e-15);
        Assert.Equal(8.0, WeightDiagnostics.PhiCondition([0.125, 8], 2, 5), 1e-15);
        // Below max(n, m)·ε·λ_max the smallest eigenvalue is rounding noise.
        Assert.True(double.IsPositiveInfinity(WeightDiagnostics.PhiCondition([1e-17, 1], 2, 5)));
        Assert.True(double.IsPositiveInfinity(WeightDiagnostics.PhiCondition([0, 0], 2, 5)));
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("quadratic")]
    public void GivenUnitWeights_WhenSolved_ThenTheFlatnessIsTheOrbitMinimumOfTheUnitSolution_AndNoLowerThanTheExactOptimum(string activation)
    {
        var (_, sample, w) = Instance(activation, 5, 12, 30, 22);
        var sigma = ActivationParser.Parse(activation);
        var kernels = DenseKernels.Default;
        InstanceResult Run(OuterWeighting weighting) => InstanceSolver.Solve(new InstanceSpec
        {
            Sample = sample, InnerWeights = w, Activation = sigma, Weighting = weighting,
        }, kernels);

        var unit = Run(OuterWeighting.Unit);
        var exact = Run(OuterWeighting.Exact);

        Assert.Equal(SolverStatus.Solved, unit.Solution.Status);
        // The orbit minimum computed by minimising over the rescalings of (a, W) themselves.
        var orbit = OrbitMinimum.Compute(sample.Features, unit.Solution.OuterWeights, unit.UnitDirections, sigma, kernels);
        Assert.Equal(orbit.FlatnessMin, unit.Solution.FlatnessMin, 1e-9 * orbit.FlatnessMin);
        // The exact-weight solution is the flattest interpolator, so the unit one cannot be flatter.
        Assert.True(unit.Solution.FlatnessMin >= exact.Solution.FlatnessMin * (1 - 1e-9),
            $"unit {unit.Solution.FlatnessMin} < exact {exact.Solution.FlatnessMin}");
    }
}
