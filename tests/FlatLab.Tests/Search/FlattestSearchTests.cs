using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.InnerWeights;
using FlatLab.LinearAlgebra;
using FlatLab.Networks;
using FlatLab.Randomness;
using FlatLab.Search;
using FlatLab.Solvers;
using FlatLab.Tests.Training;
using FlatLab.Training;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Tests.Search;

public sealed class FlattestSearchTests
{
    private const int N = 12, M = 40, D = 5;

    public enum Start { Random, Correlated, Trained }

    private static DenseMatrix StartingDirections(Start start, DataModel model, Dataset data, Activation sigma, ulong seed) => start switch
    {
        Start.Random => DenseMatrix.OfMatrix(Solvers.SolverInstance.GaussianMatrix(M, D, new RandomSource(seed).Fork("w"))),
        // The paper's bad interpolators: every direction at correlation 0.3 with span(U).
        Start.Correlated => CorrelatedWeights.Sample(model.Directions, M, 0.3, new RandomSource(seed).Fork("rho")),
        Start.Trained => TrainedDirections(data, sigma, seed),
        _ => throw new ArgumentOutOfRangeException(nameof(start)),
    };

    private static DenseMatrix TrainedDirections(Dataset data, Activation sigma, ulong seed)
    {
        var result = Trainer.Train(data, sigma, new TrainingSpec { EdgeOfStability = 0.5, MaxSteps = 20_000 }, new RandomSource(seed), DenseKernels.Default, width: M);
        Assert.Equal(TrainingStatus.Interpolated, result.Status);
        return result.State.Inner;
    }

    [Theory]
    [InlineData("relu", Start.Random, OuterWeighting.Exact, 1UL)]
    [InlineData("relu", Start.Correlated, OuterWeighting.Exact, 2UL)]
    [InlineData("relu", Start.Trained, OuterWeighting.Exact, 3UL)]
    [InlineData("quadratic", Start.Random, OuterWeighting.Exact, 4UL)]
    [InlineData("relu", Start.Random, OuterWeighting.Unit, 5UL)]
    public void GivenAStart_WhenSearched_ThenEveryStepSatisfiesArmijoAlongTheEnvelopeGradient_AndTheObjectiveFallsOverall(
        string name, Start start, OuterWeighting weighting, ulong seed)
    {
        var sigma = ActivationParser.Parse(name);
        var (model, data) = TrainingFixtures.SingleIndex(name, N, D, seed);
        var w0 = StartingDirections(start, model, data, sigma, seed);
        var spec = new FlattestSearchSpec { MaxIterations = 8, Weighting = weighting };

        var result = FlattestSearch.Run(data, w0, sigma, spec, DenseKernels.Default);

        Assert.True(result.Path.Count >= 3, $"only {result.Path.Count} points: {result.Message}");
        Assert.True(result.LastStatus.HasSolution());
        var x = TrainingFixtures.X(data);
        // The start is the flattest interpolator for the normalised starting directions.
        var (_, first) = EnvelopeGradientTests.Solve(data, w0, sigma, weighting);
        Assert.Equal(first.Objective, result.Path[0].Objective, 1e-12 * first.Objective);
        for (var s = 1; s < result.Path.Count; s++)
        {
            var (before, after) = (result.Path[s - 1], result.Path[s]);
            // Recompute the step independently: the solve at the previous directions, its envelope gradient G,
            // the step η = angle / max_j ‖G_j‖, and the sufficient decrease V(W⁺) ≤ V(W) − c η ‖G‖².
            var (features, solution) = EnvelopeGradientTests.Solve(data, before.Directions, sigma, weighting);
            Assert.Equal(before.Objective, solution.Objective, 1e-12 * solution.Objective);
            var g = EnvelopeGradient.Compute(x, before.Directions, features, solution.OuterWeights, solution.Dual,
                weighting == OuterWeighting.Exact, DenseKernels.Default);
            var plain = g.Enumerate().Sum(v => v * v);
            // With exact weights the direction is the gradient projected on the kink cone (the gradient itself where no
            // sample lies just below a hyperplane, and always for smooth activations).
            if (weighting == OuterWeighting.Exact) g = KinkCone.Project(x, before.Directions, solution.OuterWeights, g, sigma, spec.KinkRadius).D;
            var largest = Enumerable.Range(0, M).Max(j => g.Row(j).L2Norm());
            var squared = g.Enumerate().Sum(v => v * v);
            Assert.True(squared <= plain * (1 + 1e-12));
            if (after.Bundle == 1)
            {
                var eta = after.StepAngle / largest;
                Assert.Equal(eta, after.StepLength, 1e-12 * eta);
                Assert.Equal(Math.Sqrt(squared), after.DirectionNorm, 1e-12 * after.DirectionNorm);
                var expectedW = NeuronFeatures.UnitRows(before.Directions - eta * g);
                // The recomputation repeats the search's arithmetic on the same W (NeuronFeatures normalises the rows
                // once, as in the search), so it agrees to rounding; normalising twice would perturb W by an ulp and λ
                // by the solver's tolerance, about 1e-8 in W.
                Assert.True((expectedW - after.Directions).Enumerate().Max(Math.Abs) < 1e-12, $"W differs by {(expectedW - after.Directions).Enumerate().Max(Math.Abs):G3}");
                Assert.True(after.Objective <= before.Objective - spec.Armijo * eta * squared,
                    $"step {s}: {after.Objective:R} > {before.Objective:R} − {spec.Armijo * eta * squared:G3}");
            }
            else
            {
                // A bundle step: its direction is the min-norm element of a hull that contains G, so it is no longer than G,
                // and Armijo holds along it.
                Assert.True(after.DirectionNorm <= Math.Sqrt(squared) * (1 + 1e-12), $"step {s}: ‖D‖ = {after.DirectionNorm:R} > ‖G‖");
                Assert.True(after.DirectionNorm > 0);
                Assert.True(after.Objective <= before.Objective - spec.Armijo * after.StepLength * after.DirectionNorm * after.DirectionNorm,
                    $"step {s}: bundle step of {after.Bundle} without sufficient decrease");
            }
            // The recorded optimum is the flattest interpolator at the new directions (F_min only with exact weights).
            var (_, check) = EnvelopeGradientTests.Solve(data, after.Directions, sigma, weighting);
            Assert.Equal(check.Objective, after.Objective, 1e-10 * check.Objective);
            if (weighting == OuterWeighting.Exact) Assert.Equal(check.FlatnessMin, after.FlatnessMin, 1e-10 * check.FlatnessMin);
            else Assert.True(double.IsNaN(after.FlatnessMin));
            for (var j = 0; j < M; j++) Assert.Equal(1.0, after.Directions.Row(j).L2Norm(), 1e-14);
        }
        var best = Assert.IsType<SearchStep>(result.Best);
        Assert.True(best.Objective < 0.99 * result.Path[0].Objective,
            $"The objective went from {result.Path[0].Objective:G6} to {best.Objective:G6} ({result.Message}).");
    }

    [Fact]
    public void GivenAStartThatCannotInterpolate_WhenSearched_ThenStopsWithTheSolverStatusAndAnEmptyPath()
    {
        var sigma = ActivationParser.Parse("relu");
        var (_, data) = TrainingFixtures.SingleIndex("relu", N, D, 9);
        // Fewer neurons than samples: Φ a = y has no solution for generic labels.
        var w = DenseMatrix.OfMatrix(Solvers.SolverInstance.GaussianMatrix(N - 4, D, new RandomSource(1)));

        var result = FlattestSearch.Run(data, w, sigma, new FlattestSearchSpec(), DenseKernels.Default);

        Assert.Empty(result.Path);
        Assert.False(result.LastStatus.HasSolution());
        Assert.StartsWith("the start does not interpolate", result.Message);
        Assert.Equal(SearchStatus.StartFailure, result.Status);
    }
}
