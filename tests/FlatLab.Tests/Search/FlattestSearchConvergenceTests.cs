using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.LinearAlgebra;
using FlatLab.Networks;
using FlatLab.Randomness;
using FlatLab.Search;
using FlatLab.Solvers;
using FlatLab.Tests.Training;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Tests.Search;

public sealed class FlattestSearchConvergenceTests
{
    /// <summary>Two samples and two quadratic neurons in the plane: W is two angles, so V(θ₁, θ₂) can be brute-forced.</summary>
    private static Dataset Plane(ulong seed)
    {
        var random = new RandomSource(seed);
        var x = new DenseMatrix(2, 2);
        random.FillGaussian(x.Values);
        return new Dataset(x, [random.NextGaussian(), random.NextGaussian()]);
    }

    private static DenseMatrix Angles(double t1, double t2) =>
        DenseMatrix.OfArray(new[,] { { Math.Cos(t1), Math.Sin(t1) }, { Math.Cos(t2), Math.Sin(t2) } });

    private static double Value(Dataset data, DenseMatrix w, Activation sigma)
    {
        var features = NeuronFeatures.Compute((DenseMatrix)data.Features, w, sigma, DenseKernels.Default);
        var solution = FlattestInterpolatorSolver.Solve(FlattestInterpolatorProblem.Create(features, data.Labels, OuterWeighting.Exact),
            DenseKernels.Default, new SolverSettings());
        return solution.Status.HasSolution() ? solution.Objective : double.PositiveInfinity;
    }

    /// <summary>The minimum of V over a grid of angle pairs centred at (c₁, c₂) (σ(z) = z², so w and −w are the same neuron).</summary>
    private static (double Value, double T1, double T2) Grid(Dataset data, Activation sigma, double c1, double c2, double half, int points)
    {
        var best = (Value: double.PositiveInfinity, T1: 0.0, T2: 0.0);
        for (var i = 0; i < points; i++)
            for (var k = 0; k < points; k++)
            {
                var (t1, t2) = (c1 - half + 2 * half * i / (points - 1), c2 - half + 2 * half * k / (points - 1));
                var v = Value(data, Angles(t1, t2), sigma);
                if (v < best.Value) best = (v, t1, t2);
            }
        return best;
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    public void GivenASmallInstance_WhenSearchedFromSeveralStarts_ThenEverySearchConverges_AndTheBestMatchesTheBruteForceOptimum(ulong seed)
    {
        var sigma = ActivationParser.Parse("quadratic");
        var data = Plane(seed);
        // Brute force: a 2° grid over [0, π)², then a 0.02° grid around its best cell.
        var coarse = Grid(data, sigma, Math.PI / 2, Math.PI / 2, Math.PI / 2, 91);
        var fine = Grid(data, sigma, coarse.T1, coarse.T2, Math.PI / 90, 41);
        var spec = new FlattestSearchSpec();
        var random = new RandomSource(seed).Fork("starts");

        var ends = new List<FlattestSearchResult>();
        for (var s = 0; s < 6; s++)
        {
            var r = random.Fork($"start-{s}");
            ends.Add(FlattestSearch.Run(data, Angles(Math.PI * r.NextDouble(), Math.PI * r.NextDouble()), sigma, spec, DenseKernels.Default));
        }

        foreach (var end in ends)
        {
            Assert.True(end.Status == SearchStatus.Converged, end.Message);
            Assert.Contains(end.Criterion, new[] { "stationarity", "decrease" });
            Assert.True(end.Path.Count - 1 < spec.MaxIterations);
            if (end.Criterion == "stationarity") Assert.True(end.Stationarity <= spec.StationarityTolerance, end.Message);
            else Assert.True(end.RelativeDecrease <= spec.RelativeTolerance, end.Message);
        }
        var best = ends.Select(e => e.Best!).MinBy(p => p.Objective)!;
        Assert.True(Math.Abs(best.Objective - fine.Value) <= 1e-3 * fine.Value,
            $"best search V = {best.Objective:R}, brute force V = {fine.Value:R} at ({fine.T1:F4}, {fine.T2:F4})");
        // And it is a local minimum: no rotation of either neuron by ±0.01 rad lowers V.
        var (t1, t2) = (Math.Atan2(best.Directions[0, 1], best.Directions[0, 0]), Math.Atan2(best.Directions[1, 1], best.Directions[1, 0]));
        foreach (var (d1, d2) in new[] { (0.01, 0.0), (-0.01, 0.0), (0.0, 0.01), (0.0, -0.01) })
            Assert.True(Value(data, Angles(t1 + d1, t2 + d2), sigma) >= best.Objective * (1 - 1e-9));
    }

    [Fact]
    public void GivenACapBelowWhatConvergenceNeeds_WhenSearched_ThenTheStatusSaysCap()
    {
        var sigma = ActivationParser.Parse("relu");
        var (_, data) = TrainingFixtures.SingleIndex("relu", 12, 5, 7);
        var w = DenseMatrix.OfMatrix(Solvers.SolverInstance.GaussianMatrix(40, 5, new RandomSource(7).Fork("w")));
        var spec = new FlattestSearchSpec { MaxIterations = 3 };

        var result = FlattestSearch.Run(data, w, sigma, spec, DenseKernels.Default);

        Assert.Equal(SearchStatus.Cap, result.Status);
        Assert.Equal("cap", result.StatusName);
        Assert.Equal(4, result.Path.Count);
        Assert.Equal("", result.Criterion);
        Assert.True(result.Stationarity > spec.StationarityTolerance);
        Assert.Equal(result.Path[^1].Stationarity, result.Stationarity);
        Assert.Equal((result.Path[0].Objective - result.Path[^1].Objective) / result.Path[0].Objective, result.RelativeDecrease, 1e-15);
        Assert.Contains("cap of 3", result.Message);
    }

    [Fact]
    public void GivenAFirstAngleBelowTheSmallest_WhenSearched_ThenTheStatusIsAStepFailureAtTheStart()
    {
        var sigma = ActivationParser.Parse("relu");
        var (_, data) = TrainingFixtures.SingleIndex("relu", 12, 5, 8);
        var w = DenseMatrix.OfMatrix(Solvers.SolverInstance.GaussianMatrix(40, 5, new RandomSource(8).Fork("w")));

        var result = FlattestSearch.Run(data, w, sigma, new FlattestSearchSpec { InitialAngle = 1e-8, MinAngle = 1e-7 }, DenseKernels.Default);

        Assert.Equal(SearchStatus.StepFailure, result.Status);
        Assert.Equal("step_failure", result.StatusName);
        Assert.Single(result.Path);
        Assert.Equal(1.0, result.Stationarity);
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("leaky-relu:0.1")]
    public void GivenReLUInstances_WhenSearchedOnTheKinkCone_ThenTheSearchesConverge_WhereSteepestDescentStopsAtKinks(string name)
    {
        var sigma = ActivationParser.Parse(name);
        int converged = 0, withoutConeFailures = 0;
        for (var seed = 1UL; seed <= 6; seed++)
        {
            var (_, data) = TrainingFixtures.SingleIndex(name, 16, 5, seed + 20);
            var w = DenseMatrix.OfMatrix(Solvers.SolverInstance.GaussianMatrix(40, 5, new RandomSource(seed).Fork("w")));
            var spec = new FlattestSearchSpec();

            var result = FlattestSearch.Run(data, w, sigma, spec, DenseKernels.Default);
            // A kink radius far below rounding blocks nothing and no bundle sample counts: plain steepest descent.
            var plain = FlattestSearch.Run(data, w, sigma, spec with { KinkRadius = 1e-15, BundleSize = 1 }, DenseKernels.Default);

            if (result.Status == SearchStatus.Converged)
            {
                converged++;
                if (result.Criterion == "stationarity") Assert.True(result.Stationarity <= spec.StationarityTolerance, result.Message);
                else Assert.True(result.RelativeDecrease <= spec.RelativeTolerance, result.Message);
            }
            if (plain.Status == SearchStatus.StepFailure) withoutConeFailures++;
            // F_min never increases along the path.
            for (var s = 1; s < result.Path.Count; s++) Assert.True(result.Path[s].Objective < result.Path[s - 1].Objective);
        }
        Assert.True(converged >= 5, $"{converged} of 6 searches converged");
        Assert.True(withoutConeFailures >= 3, $"plain steepest descent failed at a kink in only {withoutConeFailures} of 6: the instances do not test the cone");
    }
}
