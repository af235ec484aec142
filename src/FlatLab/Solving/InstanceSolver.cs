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
        var solution = FlattestInterpolatorSolver.Solve(problem, kernels, spec.Solver);
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
}
