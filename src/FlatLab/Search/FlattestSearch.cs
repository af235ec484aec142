using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.LinearAlgebra;
using FlatLab.Networks;
using FlatLab.Solvers;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Search;

/// <summary>
/// Minimises F_min over (a, W) subject to interpolation: the convex solve in a for fixed W (docs/model.md §5),
/// then a projected gradient step of the directions on their unit spheres along the envelope-theorem
/// gradient of the optimal value, with Armijo backtracking, so F_min never increases. It stops when a
/// stationarity test holds (docs/optimizers.md §6), not after a fixed budget; the iteration cap is a
/// safety net and is reported as such.
/// </summary>
public static class FlattestSearch
{
    /// <summary>The largest trial rotation of any direction (radians).</summary>
    private const double MaxAngle = 0.5;

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
            return new FlattestSearchResult([], SearchStatus.StartFailure, "", double.NaN, double.NaN,
                $"the start does not interpolate: {solution.Message}", solution.Status);
        var gradient = Gradient(x, w, features, solution, spec, kernels);
        var initialNorm = FrobeniusNorm(gradient);
        var stationarity = Stationarity(gradient, initialNorm);
        var path = new List<SearchStep> { Step(0, solution, w, 0, solves, stationarity) };
        record?.Invoke(path[0]);
        var angle = spec.InitialAngle;
        (DenseMatrix W, DenseMatrix G)? previous = null;
        var (status, criterion) = Test(path, stationarity, spec);
        while (status is null)
        {
            if (path.Count - 1 >= spec.MaxIterations)
            {
                status = SearchStatus.Cap;
                break;
            }
            var largest = Enumerable.Range(0, w.RowCount).Max(j => gradient.Row(j).L2Norm());
            var squared = gradient.Values.Sum(v => v * v);
            // The first trial is the Barzilai–Borwein step s·s / s·y from the last step's change in W and G, which
            // follows the curvature along narrow valleys where a doubled angle zig-zags; the previous angle doubled
            // when the curvature is not positive.
            if (previous is { } last)
            {
                double ss = 0, sy = 0;
                for (var i = 0; i < w.Values.Length; i++)
                {
                    var (dw, dg) = (w.Values[i] - last.W.Values[i], gradient.Values[i] - last.G.Values[i]);
                    ss += dw * dw;
                    sy += dw * dg;
                }
                if (sy > 0) angle = Math.Clamp(ss / sy * largest, spec.MinAngle, MaxAngle);
            }
            previous = (w, gradient);
            var accepted = false;
            while (angle >= spec.MinAngle)
            {
                var eta = angle / largest;
                var trialW = NeuronFeatures.UnitRows(w - gradient * eta);
                var (trialFeatures, trial) = Solve(x, data.Labels, trialW, sigma, spec, kernels);
                solves++;
                // Any W the solver certifies is a valid step, rank-deficient Φ included; only a failed solve is refused.
                if (trial.Status.HasSolution() && trial.Objective <= solution.Objective - spec.Armijo * eta * squared)
                {
                    (w, features, solution) = (trialW, trialFeatures, trial);
                    gradient = Gradient(x, w, features, solution, spec, kernels);
                    stationarity = Stationarity(gradient, initialNorm);
                    path.Add(Step(path.Count, solution, w, angle, solves, stationarity));
                    record?.Invoke(path[^1]);
                    accepted = true;
                    angle = Math.Min(2 * angle, MaxAngle);
                    break;
                }
                angle /= 2;
            }
            if (!accepted)
            {
                status = SearchStatus.StepFailure;
                break;
            }
            (status, criterion) = Test(path, stationarity, spec);
        }
        var decrease = RelativeDecrease(path, spec.Window);
        var message = status switch
        {
            SearchStatus.Converged => $"converged by {criterion} after {path.Count - 1} steps",
            SearchStatus.Cap => $"hit the cap of {spec.MaxIterations} steps before converging",
            _ => $"no rotation down to {spec.MinAngle:G3} rad decreased F_min enough after {path.Count - 1} steps",
        };
        return new FlattestSearchResult(path, status.Value, criterion, stationarity, decrease,
            $"{message}; ‖G‖/‖G₀‖ = {stationarity:G3}, relative decrease over the last {Math.Min(spec.Window, path.Count - 1)} steps = {decrease:G3}",
            solution.Status);
    }

    /// <summary>The convergence test: stationarity first, then the relative decrease over a full window.</summary>
    private static (SearchStatus?, string) Test(List<SearchStep> path, double stationarity, FlattestSearchSpec spec)
    {
        if (stationarity <= spec.StationarityTolerance) return (SearchStatus.Converged, "stationarity");
        if (path.Count - 1 >= spec.Window && RelativeDecrease(path, spec.Window) <= spec.RelativeTolerance)
            return (SearchStatus.Converged, "decrease");
        return (null, "");
    }

    private static double RelativeDecrease(List<SearchStep> path, int window)
    {
        if (path.Count < 2) return 0;
        var before = path[Math.Max(0, path.Count - 1 - window)].Objective;
        return (before - path[^1].Objective) / before;
    }

    private static double Stationarity(DenseMatrix gradient, double initialNorm) =>
        initialNorm > 0 ? FrobeniusNorm(gradient) / initialNorm : 0;

    private static double FrobeniusNorm(DenseMatrix g) => Math.Sqrt(g.Values.Sum(v => v * v));

    private static DenseMatrix Gradient(DenseMatrix x, DenseMatrix w, NeuronFeatures features, FlattestInterpolatorResult solution,
        FlattestSearchSpec spec, IDenseKernels kernels) =>
        EnvelopeGradient.Compute(x, w, features, solution.OuterWeights, solution.Dual, spec.Weighting == OuterWeighting.Exact, kernels);

    private static (NeuronFeatures, FlattestInterpolatorResult) Solve(DenseMatrix x, double[] y, DenseMatrix w, Activation sigma,
        FlattestSearchSpec spec, IDenseKernels kernels)
    {
        var features = NeuronFeatures.Compute(x, w, sigma, kernels);
        var problem = FlattestInterpolatorProblem.Create(features, y, spec.Weighting);
        return (features, FlattestInterpolatorSolver.Solve(problem, kernels, spec.Solver));
    }

    private static SearchStep Step(int iteration, FlattestInterpolatorResult s, DenseMatrix w, double angle, int solves, double stationarity) =>
        new(iteration, s.Objective, s.FlatnessMin, w, s.OuterWeights, angle, solves, s.LowerBound, stationarity);
}
