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
        var gradient = Gradient(x, w, features, solution, spec, kernels, sigma);
        var initialNorm = FrobeniusNorm(gradient);
        var stationarity = Stationarity(gradient, initialNorm);
        var path = new List<SearchStep> { Step(0, solution, w, 0, solves, stationarity, 1) };
        record?.Invoke(path[0]);
        var angle = spec.InitialAngle;
        (DenseMatrix W, DenseMatrix G)? previous = null;
        var (status, criterion) = Test(path, stationarity, spec);
        var bundleSize = 1;
        var bundleRadius = 0.0;
        while (status is null)
        {
            if (path.Count - 1 >= spec.MaxIterations)
            {
                status = SearchStatus.Cap;
                break;
            }
            var largest = LargestRow(gradient);
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
            // The bundle: the gradient here, then the gradients at the refused trial points (projected on the tangent
            // space here). At a kink the gradient of one side need not descend; the negative min-norm element of the
            // bundle's convex hull does once the bundle holds the gradients of the pieces around W (gradient sampling).
            var bundle = new List<(double[] G, double Angle)> { (gradient.Values, 0) };
            var direction = gradient;
            var squared = SquaredNorm(direction);
            var accepted = false;
            while (angle >= spec.MinAngle)
            {
                var eta = angle / LargestRow(direction);
                var trialW = NeuronFeatures.UnitRows(w - direction * eta);
                var (trialFeatures, trial) = Solve(x, data.Labels, trialW, sigma, spec, kernels);
                solves++;
                // Any W the solver certifies is a valid step, rank-deficient Φ included; only a failed solve is refused.
                if (trial.Status.HasSolution() && trial.Objective <= solution.Objective - spec.Armijo * eta * squared)
                {
                    (w, features, solution) = (trialW, trialFeatures, trial);
                    gradient = Gradient(x, w, features, solution, spec, kernels, sigma);
                    stationarity = Stationarity(gradient, initialNorm);
                    (bundleSize, bundleRadius) = (1, 0);
                    path.Add(Step(path.Count, solution, w, angle, solves, stationarity, bundle.Count) with
                    {
                        StepLength = eta,
                        DirectionNorm = Math.Sqrt(squared),
                    });
                    record?.Invoke(path[^1]);
                    accepted = true;
                    angle = Math.Min(2 * angle, MaxAngle);
                    break;
                }
                if (trial.Status.HasSolution() && spec.BundleSize > 1)
                {
                    // Gradients sampled beyond BundleSpan × the next angle leave (far samples belong to other pieces),
                    // unless they lie within the kink radius, where the stationarity measure is taken.
                    // The sample's gradient is taken in the tangent space here and on the kink cone of this point.
                    var trialGradient = EnvelopeGradient.Compute(x, trialW, trialFeatures, trial.OuterWeights, trial.Dual,
                        spec.Weighting == OuterWeighting.Exact, kernels);
                    var projected = KinkCone.Project(x, w, solution.OuterWeights, Tangent(trialGradient, w), sigma, spec.KinkRadius).D;
                    bundle.Add((projected.Values, angle));
                    bundle.RemoveAll(b => b.Angle > Math.Max(spec.BundleSpan * angle / 2, spec.KinkRadius));
                    if (bundle.Count > spec.BundleSize) bundle.RemoveAt(1);
                    var mu = MinNormElement.Weights(bundle.Select(b => b.G).ToList());
                    direction = Combine(bundle, mu, w.RowCount, w.ColumnCount);
                    squared = SquaredNorm(direction);
                    if (squared == 0 && bundle.Max(b => b.Angle) > spec.KinkRadius)
                    {
                        // Zero in the hull of far samples says nothing about W: start the bundle afresh.
                        bundle.RemoveRange(1, bundle.Count - 1);
                        (direction, squared) = (gradient, SquaredNorm(gradient));
                        angle /= 2;
                        continue;
                    }
                    var measure = initialNorm > 0 ? Math.Sqrt(squared) / initialNorm : 0;
                    if (measure < stationarity && bundle.Max(b => b.Angle) <= spec.KinkRadius)
                    {
                        (stationarity, bundleSize, bundleRadius) = (measure, bundle.Count, bundle.Max(b => b.Angle));
                        // Stationary at a kink: the min-norm element of gradients sampled within a small radius is small.
                        if (measure <= spec.StationarityTolerance && bundleRadius <= spec.KinkRadius) break;
                    }
                }
                angle /= 2;
            }
            if (!accepted)
            {
                if (stationarity <= spec.StationarityTolerance && bundleRadius <= spec.KinkRadius)
                {
                    (status, criterion) = (SearchStatus.Converged, "stationarity");
                    break;
                }
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
        var measured = bundleSize > 1 ? $"min-norm element of {bundleSize} gradients within {bundleRadius:G3} rad / ‖G₀‖" : "‖G‖/‖G₀‖";
        return new FlattestSearchResult(path, status.Value, criterion, stationarity, decrease,
            $"{message}; {measured} = {stationarity:G3}, relative decrease over the last {Math.Min(spec.Window, path.Count - 1)} steps = {decrease:G3}",
            solution.Status)
        {
            BundleSize = bundleSize,
            BundleRadius = bundleRadius,
        };
    }

    private static double LargestRow(DenseMatrix g)
    {
        var largest = 0.0;
        for (var j = 0; j < g.RowCount; j++)
        {
            var sq = 0.0;
            for (var c = 0; c < g.ColumnCount; c++) sq += g[j, c] * g[j, c];
            largest = Math.Max(largest, sq);
        }
        return Math.Sqrt(largest);
    }

    private static double SquaredNorm(DenseMatrix g) => g.Values.Sum(v => v * v);

    /// <summary>Each row of <paramref name="g"/> with its component along the unit row of <paramref name="w"/> removed.</summary>
    private static DenseMatrix Tangent(DenseMatrix g, DenseMatrix w)
    {
        var t = DenseMatrix.OfMatrix(g);
        for (var j = 0; j < t.RowCount; j++)
        {
            var radial = 0.0;
            for (var c = 0; c < t.ColumnCount; c++) radial += t[j, c] * w[j, c];
            for (var c = 0; c < t.ColumnCount; c++) t[j, c] -= radial * w[j, c];
        }
        return t;
    }

    private static DenseMatrix Combine(List<(double[] G, double Angle)> bundle, double[] mu, int rows, int columns)
    {
        var values = new double[rows * columns];
        for (var b = 0; b < bundle.Count; b++)
            if (mu[b] != 0)
                for (var i = 0; i < values.Length; i++) values[i] += mu[b] * bundle[b].G[i];
        return new DenseMatrix(rows, columns, values);
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

    /// <summary>The envelope gradient projected on the kink cone at W (docs/optimizers.md §6): the gradient itself where
    /// no kink is near or the activation has none.</summary>
    private static DenseMatrix Gradient(DenseMatrix x, DenseMatrix w, NeuronFeatures features, FlattestInterpolatorResult solution,
        FlattestSearchSpec spec, IDenseKernels kernels, Activation sigma)
    {
        var g = EnvelopeGradient.Compute(x, w, features, solution.OuterWeights, solution.Dual, spec.Weighting == OuterWeighting.Exact, kernels);
        return spec.Weighting == OuterWeighting.Exact ? KinkCone.Project(x, w, solution.OuterWeights, g, sigma, spec.KinkRadius).D : g;
    }

    private static (NeuronFeatures, FlattestInterpolatorResult) Solve(DenseMatrix x, double[] y, DenseMatrix w, Activation sigma,
        FlattestSearchSpec spec, IDenseKernels kernels)
    {
        var features = NeuronFeatures.Compute(x, w, sigma, kernels);
        var problem = FlattestInterpolatorProblem.Create(features, y, spec.Weighting);
        return (features, FlattestInterpolatorSolver.Solve(problem, kernels, spec.Solver));
    }

    private static SearchStep Step(int iteration, FlattestInterpolatorResult s, DenseMatrix w, double angle, int solves, double stationarity,
        int bundle) =>
        new(iteration, s.Objective, s.FlatnessMin, w, s.OuterWeights, angle, solves, s.LowerBound, stationarity) { Bundle = bundle };
}
