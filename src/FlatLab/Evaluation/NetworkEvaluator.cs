using System.Globalization;
using FlatLab.Flatness;
using FlatLab.LinearAlgebra;
using FlatLab.Networks;
using FlatLab.Population;
using FlatLab.Solvers;

namespace FlatLab.Evaluation;

/// <summary>
/// Evaluates a trained network against the theory (docs/model.md §3–§5, §7): its exact Hessian trace
/// as given, the flattest point of its rescaling orbit, and, when it interpolates its sample, the
/// flattest interpolator for the same inner weights, with the ratio of the two flatnesses, and the
/// population loss of both under a data model.
/// </summary>
public static class NetworkEvaluator
{
    public static NetworkEvaluationResult Evaluate(NetworkEvaluationSpec spec, IDenseKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(kernels);
        spec.Validate();
        var (x, y, w, a, sigma) = (spec.Features, spec.Labels, spec.InnerWeights, spec.OuterWeights, spec.Activation);
        var trace = HessianTrace.Compute(x, y, a, w, sigma, kernels);
        var orbit = OrbitMinimum.Compute(x, a, w, sigma, kernels);
        var threshold = spec.InterpolationTolerance * Math.Max(1, y.Max(Math.Abs));
        var interpolates = trace.MaxAbsResidual <= threshold;
        var loss = spec.Model is { } model ? PopulationLoss.Compute(model, w, a, sigma, kernels, spec.Random!.Fork("population-loss")) : null;

        if (!interpolates)
        {
            var note = string.Create(CultureInfo.InvariantCulture,
                $"The network does not interpolate its sample (max |f(x_i) - y_i| = {trace.MaxAbsResidual:G4} > {threshold:G4}), so it is not compared with the flattest interpolator.");
            return new NetworkEvaluationResult(trace, orbit, false, null, null, double.NaN, double.NaN, note, loss, null);
        }

        var features = NeuronFeatures.Compute(x, w, sigma, kernels);
        var problem = FlattestInterpolatorProblem.Create(features, y, OuterWeighting.Exact);
        var flattest = FlattestInterpolatorSolver.Solve(problem, kernels, spec.Solver);
        if (!flattest.Status.HasSolution())
            return new NetworkEvaluationResult(trace, orbit, true, flattest, null, double.NaN, double.NaN,
                $"The flattest interpolator for this W was not found: {flattest.Message}", loss, null);

        // The solver's weights belong to the unit rows ŵ_j = w_j/‖w_j‖; σ(ŵ·x) = ‖w_j‖^{−k} σ(w_j·x).
        var k = sigma.K;
        var given = flattest.OuterWeights.Select((value, j) => value / Math.Pow(w.Row(j).L2Norm(), k)).ToArray();
        var flattestLoss = spec.Model is { } m2
            ? PopulationLoss.Compute(m2, w, given, sigma, kernels, spec.Random!.Fork("population-loss-flattest"))
            : null;
        return new NetworkEvaluationResult(trace, orbit, true, flattest, given,
            orbit.FlatnessMin / flattest.FlatnessMin, trace.Trace / flattest.FlatnessMin, "", loss, flattestLoss);
    }
}
