using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.Flatness;
using FlatLab.LinearAlgebra;
using FlatLab.Networks;
using FlatLab.Randomness;
using FlatLab.Solvers;

namespace FlatLab.Training;

/// <summary>
/// Measures a network θ = (a, W) on its training sample: loss, flatness F, orbit minimum F_min, the
/// flattest interpolator for the same directions (docs/model.md §5) and F_min's ratio to it, the alignment of
/// the directions with span(U), and the population losses of both networks (docs/optimizers.md).
/// </summary>
public static class TrainingDiagnostics
{
    /// <param name="random">Used only by a Monte Carlo population loss (links without a closed form); forked, never advanced.</param>
    public static TrainingDiagnosticsResult Measure(Dataset data, DataModel model, NetworkState state, Activation sigma,
        IDenseKernels kernels, RandomSource random, TrainingDiagnosticsSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(sigma);
        ArgumentNullException.ThrowIfNull(random);
        settings = (settings ?? new TrainingDiagnosticsSettings()).Validate();
        ArgumentNullException.ThrowIfNull(kernels);
        data.Validate();
        if (data.Dimension != state.Dimension)
            throw new ArgumentException($"The sample has d = {data.Dimension} but the network's W has {state.Dimension} columns.", nameof(state));
        if (model.Dimension != data.Dimension)
            throw new ArgumentException($"The data model has d = {model.Dimension} but the sample has {data.Dimension}.", nameof(model));
        // A diverged run is an outcome to record, not an input error: every number is NaN.
        if (!state.IsFinite())
            return new TrainingDiagnosticsResult(double.NaN, double.NaN, false, double.NaN, double.NaN, double.NaN,
                SolverStatus.Unsolved, "The network's parameters are not finite (training diverged); nothing was measured.",
                double.NaN, [], double.NaN, Alignment.Compute(model.Directions, state.Inner, state.Outer, sigma), null, null);

        var x = data.Features;
        var y = data.Labels;
        var a = state.Outer;
        var w = state.Inner;
        var trace = HessianTrace.Compute(x, y, a, w, sigma, kernels);
        var orbit = OrbitMinimum.Compute(x, a, w, sigma, kernels);

        // The flattest interpolator for the learned directions: NeuronFeatures normalises the rows.
        var unit = NeuronFeatures.UnitRows(w);
        var features = NeuronFeatures.Compute(x, unit, sigma, kernels);
        var problem = FlattestInterpolatorProblem.Create(features, y, OuterWeighting.Exact);
        var flattest = FlattestInterpolatorSolver.Solve(problem, kernels, settings.Solver);
        var solved = flattest.Status.HasSolution();

        var alignment = Alignment.Compute(model.Directions, w, a, sigma);
        Population.PopulationLossResult? own = null, best = null;
        if (settings.PopulationLoss)
        {
            own = Population.PopulationLoss.Compute(model, w, a, sigma, kernels, random.Fork("population-network"), settings.FallbackSamples);
            if (solved)
                best = Population.PopulationLoss.Compute(model, unit, flattest.OuterWeights, sigma, kernels, random.Fork("population-flattest"),
                    settings.FallbackSamples);
        }

        return new TrainingDiagnosticsResult(
            trace.EmpiricalLoss,
            trace.MaxAbsResidual,
            trace.EmpiricalLoss < settings.InterpolationTolerance,
            trace.Trace,
            trace.ResidualTerm,
            orbit.FlatnessMin,
            flattest.Status,
            flattest.Message,
            flattest.FlatnessMin,
            flattest.OuterWeights,
            solved ? orbit.FlatnessMin / flattest.FlatnessMin : double.NaN,
            alignment,
            own,
            best);
    }
}
