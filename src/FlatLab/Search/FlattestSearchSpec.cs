using System.Globalization;
using FlatLab.Solvers;

namespace FlatLab.Search;

/// <summary>Settings of the search for the flattest interpolator over (a, W) (docs/optimizers.md §6).</summary>
public sealed record FlattestSearchSpec
{
    /// <summary>The safety net: the search stops here, with status <see cref="SearchStatus.Cap"/>, when its
    /// convergence test has not held.</summary>
    public int MaxIterations { get; init; } = 500;
    /// <summary>The first trial step, as the largest rotation (radians) of any direction.</summary>
    public double InitialAngle { get; init; } = 0.05;
    /// <summary>Armijo's sufficient-decrease constant.</summary>
    public double Armijo { get; init; } = 1e-4;
    /// <summary>Converged when ‖G‖_F / ‖G₀‖_F, the projected envelope gradient relative to the start's, is at most this.</summary>
    public double StationarityTolerance { get; init; } = 1e-3;
    /// <summary>Converged when F_min's relative decrease over the last <see cref="Window"/> accepted steps is at most this.</summary>
    public double RelativeTolerance { get; init; } = 1e-4;
    /// <summary>The number of accepted steps the relative decrease is measured over.</summary>
    public int Window { get; init; } = 10;
    /// <summary>Backtracking gives up below this rotation (a step failure).</summary>
    public double MinAngle { get; init; } = 1e-7;
    /// <summary>The most gradients a bundle holds: the one at the point and those at refused trial points (1: plain
    /// steepest descent, no bundle).</summary>
    public int BundleSize { get; init; } = 10;
    /// <summary>A sample stays in the bundle while its trial angle is at most this multiple of the next trial angle.</summary>
    public double BundleSpan { get; init; } = 16;
    /// <summary>A bundle's min-norm element counts as a stationarity measure only when every sample in it lies within
    /// this rotation (radians) of the point.</summary>
    public double KinkRadius { get; init; } = 1e-3;
    public OuterWeighting Weighting { get; init; } = OuterWeighting.Exact;
    public SolverSettings Solver { get; init; } = new();

    public FlattestSearchSpec Validate()
    {
        if (MaxIterations < 1) throw new ArgumentException($"Search max_iterations = {MaxIterations}: must be >= 1.");
        if (Window < 1) throw new ArgumentException($"Search window = {Window}: must be >= 1.");
        if (BundleSize < 1) throw new ArgumentException($"Search bundle_size = {BundleSize}: must be >= 1.");
        if (!(BundleSpan >= 2)) throw new ArgumentException($"Search bundle_span = {BundleSpan.ToString("R", CultureInfo.InvariantCulture)}: must be >= 2.");
        foreach (var (name, value) in new[] { ("initial_angle", InitialAngle), ("armijo", Armijo), ("stationarity_tolerance", StationarityTolerance),
                     ("relative_tolerance", RelativeTolerance), ("min_angle", MinAngle), ("kink_radius", KinkRadius) })
            if (!(value > 0 && value < 1))
                throw new ArgumentException($"Search {name} = {value.ToString("R", CultureInfo.InvariantCulture)}: must lie in (0, 1).");
        Solver.Validate();
        return this;
    }
}
