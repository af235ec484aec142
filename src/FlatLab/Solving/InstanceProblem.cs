using FlatLab.Networks;
using FlatLab.Solvers;

namespace FlatLab.Solving;

/// <summary>An instance whose input is known good: its features and its flattest-interpolator problem,
/// before the solve (<see cref="InstanceSolver.Prepare"/>).</summary>
/// <param name="Spec">The instance.</param>
/// <param name="Features">Φ, S and T of the unit directions (docs/model.md §3–§4).</param>
/// <param name="Problem">min Σ c_j |a_j|^p subject to Φ a = y (docs/model.md §5).</param>
public sealed record InstanceProblem(InstanceSpec Spec, NeuronFeatures Features, FlattestInterpolatorProblem Problem);
