using FlatLab.InnerWeights;
using FlatLab.LinearAlgebra;
using FlatLab.Networks;
using FlatLab.Solvers;

namespace FlatLab.Solving;

/// <summary>
/// Solves one instance, the way <c>flatlab solve</c> and a sweep's ρ case both do: features of the
/// unit directions (docs/model.md §3–§4), the flattest interpolator (docs/model.md §5), κ(Φ) and the separation of
/// the directions (docs/model.md §6), and the population loss of the solution (docs/model.md §7).
/// </summary>
public static class InstanceSolver
{
    /// <summary>Checks the input and builds the features and the problem; bad input (sizes that disagree,
    /// a zero row of W, non-finite values) throws <see cref="ArgumentException"/>.</summary>
    public static InstanceProblem Prepare(InstanceSpec spec, IDenseKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(kernels);
        spec.Validate();
        var features = NeuronFeatures.Compute(spec.Sample.Features, spec.InnerWeights, spec.Activation, kernels);
        return new InstanceProblem(spec, features, FlattestInterpolatorProblem.Create(features, spec.Sample.Labels, spec.Weighting));
    }

    /// <summary><see cref="Prepare"/>, then <see cref="Solve(InstanceProblem, IDenseKernels)"/>.</summary>
    public static InstanceResult Solve(InstanceSpec spec, IDenseKernels kernels) => Solve(Prepare(spec, kernels), kernels);

    /// <summary>Solves a prepared instance; what the solver concluded is the solution's status.</summary>
    public static InstanceResult Solve(InstanceProblem instance, IDenseKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(kernels);
        var (spec, features, problem) = instance;
        var solution = WithFlatness(FlattestInterpolatorSolver.Solve(problem, kernels, spec.Solver), features, spec.Weighting);
        var eigenvalues = WeightDiagnostics.GramEigenvalues(features, kernels);
        var unit = NeuronFeatures.UnitRows(spec.InnerWeights);
        var result = new InstanceResult(features, unit, solution, eigenvalues,
            WeightDiagnostics.PhiCondition(eigenvalues, features.SampleCount, features.NeuronCount),
            WeightDiagnostics.Separation(unit, kernels), null, null);
        if (!solution.Status.HasSolution() || spec.Population is not { } population) return result;

        var sigma = spec.Activation;
        return result with
        {
            PopulationLoss = population.Compute(unit, solution.OuterWeights, sigma, kernels, spec.PopulationRandom!),
            PopulationLossAlternative = solution.AlternativeWeights is { } other && spec.AlternativeRandom is { } random
                ? population.Compute(unit, other, sigma, kernels, random)
                : null,
        };
    }

    /// <summary>
    /// The unit-weight problem minimises Σ|a_j|^p, which is not a flatness; the flatness of its solution is
    /// still the minimum over its rescaling orbit, (2/n)(k+1)k^{−k/(k+1)} Σ c_j |a_j|^p with the exact c_j
    /// (docs/model.md §4.1, §5.6), so a unit-weight row is as comparable as an exact one.
    /// </summary>
    private static FlattestInterpolatorResult WithFlatness(FlattestInterpolatorResult solution, NeuronFeatures features,
                                                           OuterWeighting weighting)
    {
        if (weighting != OuterWeighting.Unit || !solution.Status.HasSolution()) return solution;
        var exact = features.ExactWeights();
        var sum = 0.0;
        for (var j = 0; j < exact.Length; j++) sum += exact[j] * Math.Pow(Math.Abs(solution.OuterWeights[j]), solution.P);
        return solution with { FlatnessMin = FlattestInterpolatorProblem.FlatnessConstant(features.Activation.K, features.SampleCount) * sum };
    }
}
