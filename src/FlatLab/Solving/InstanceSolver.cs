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
    /// <param name="progress">Told each stage and solver iteration (<see cref="SolverProgress"/>); null for none.</param>
    public static InstanceResult Solve(InstanceProblem instance, IDenseKernels kernels, IProgress<SolverProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(kernels);
        var (spec, features, problem) = instance;
        // The diagnostics first: their n × n and m × m products are garbage before the solver builds Ψ and
        // its n × n matrices, so the peak holds only one group (docs/benchmarks.md#memory).
        progress?.Report(new SolverProgress("diagnostics"));
        var eigenvalues = WeightDiagnostics.GramEigenvalues(features, kernels);
        var unit = NeuronFeatures.UnitRows(spec.InnerWeights);
        var separation = WeightDiagnostics.Separation(unit, kernels);
        ReturnGarbage(features);
        var solution = WithFlatness(FlattestInterpolatorSolver.Solve(problem, kernels, spec.Solver, progress), features, spec.Weighting);
        ReturnGarbage(features);
        var result = new InstanceResult(features, unit, solution, eigenvalues,
            WeightDiagnostics.PhiCondition(eigenvalues, features.SampleCount, features.NeuronCount), separation, null, null);
        if (!solution.Status.HasSolution() || spec.Population is not { } population) return result;

        progress?.Report(new SolverProgress("population-loss"));
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
    /// A large solve allocates its n × n and n × m matrices in phases (diagnostics, then Ψ and the solver's
    /// matrices, then the population loss); the collector, left alone, runs too rarely to reuse one phase's
    /// memory in the next, so the process would peak near the sum of the phases instead of the largest one
    /// (docs/benchmarks.md#memory). A full collection between phases costs milliseconds against seconds of
    /// work, and is skipped for small instances, where it would only cost.
    /// </summary>
    private static void ReturnGarbage(NeuronFeatures features)
    {
        if ((long)features.SampleCount * features.NeuronCount < CollectAbove) return;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
    }

    /// <summary>Entries of Φ (n · m) above which <see cref="ReturnGarbage"/> collects: 32 MiB per n × m matrix.</summary>
    private const long CollectAbove = 1L << 22;

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
