using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.LinearAlgebra;
using FlatLab.Networks;
using FlatLab.Solvers;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Search;

/// <summary>One point of a search path.</summary>
public sealed record SearchStep(int Iteration, double Objective, double FlatnessMin, DenseMatrix Directions,
    double[] OuterWeights, double StepAngle, int Solves);

/// <summary>A finished search: the path (first point = the start) and why it stopped.</summary>
public sealed record FlattestSearchResult(IReadOnlyList<SearchStep> Path, string Stop, SolverStatus LastStatus)
{
    /// <summary>The last (flattest) point; null when the start could not be solved.</summary>
    public SearchStep? Best => Path.Count > 0 ? Path[^1] : null;
}

/// <summary>
/// Minimises F_min over (a, W) subject to interpolation: the convex solve in a for fixed W (MODEL §5),
/// then a projected gradient step of the directions on their unit spheres along the envelope-theorem
/// gradient of the optimal value, with Armijo backtracking, so F_min never increases.
/// </summary>
public static class FlattestSearch
{
    public static FlattestSearchResult Run(Dataset data, DenseMatrix start, Activation sigma, FlattestSearchSpec spec,
        IDenseKernels kernels, Action<SearchStep>? record = null)
    {
        spec.Validate();
        ArgumentNullException.ThrowIfNull(kernels);
        var x = data.Features as DenseMatrix ?? DenseMatrix.OfMatrix(data.Features);
        var w = NeuronFeatures.UnitRows(start);
        var (features, solution) = Solve(x, data.Labels, w, sigma, spec, kernels);
        var solves = 1;
        if (!solution.Status.HasSolution())
            return new FlattestSearchResult([], $"the start does not interpolate: {solution.Message}", solution.Status);
        var path = new List<SearchStep> { Step(0, solution, w, 0, solves) };
        record?.Invoke(path[0]);
        var angle = spec.InitialAngle;
        var stop = "max_iterations";
        for (var iteration = 1; iteration <= spec.MaxIterations; iteration++)
        {
            var gradient = EnvelopeGradient.Compute(x, w, features, solution.OuterWeights, solution.Dual,
                spec.Weighting == OuterWeighting.Exact, kernels);
            var largest = Enumerable.Range(0, w.RowCount).Max(j => gradient.Row(j).L2Norm());
            if (!(largest > 0))
            {
                stop = "stationary";
                break;
            }
            var squared = gradient.Values.Sum(v => v * v);
            var accepted = false;
            while (angle >= spec.MinAngle)
            {
                var eta = angle / largest;
                var trialW = NeuronFeatures.UnitRows(w - gradient * eta);
                var (trialFeatures, trial) = Solve(x, data.Labels, trialW, sigma, spec, kernels);
                solves++;
                if (trial.Status.HasSolution() && trial.Objective <= solution.Objective - spec.Armijo * eta * squared)
                {
                    var decrease = (solution.Objective - trial.Objective) / solution.Objective;
                    (w, features, solution) = (trialW, trialFeatures, trial);
                    path.Add(Step(iteration, solution, w, angle, solves));
                    record?.Invoke(path[^1]);
                    accepted = true;
                    angle = Math.Min(2 * angle, 0.5);
                    if (decrease < spec.RelativeTolerance) stop = "converged";
                    break;
                }
                angle /= 2;
            }
            if (!accepted)
            {
                stop = "line_search";
                break;
            }
            if (stop == "converged") break;
        }
        return new FlattestSearchResult(path, stop, solution.Status);
    }

    private static (NeuronFeatures, FlattestInterpolatorResult) Solve(DenseMatrix x, double[] y, DenseMatrix w, Activation sigma,
        FlattestSearchSpec spec, IDenseKernels kernels)
    {
        var features = NeuronFeatures.Compute(x, w, sigma, kernels);
        var problem = FlattestInterpolatorProblem.Create(features, y, spec.Weighting);
        return (features, FlattestInterpolatorSolver.Solve(problem, kernels, spec.Solver));
    }

    private static SearchStep Step(int iteration, FlattestInterpolatorResult s, DenseMatrix w, double angle, int solves) =>
        new(iteration, s.Objective, s.FlatnessMin, w, s.OuterWeights, angle, solves);
}
