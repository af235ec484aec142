using System.Globalization;
using FlatLab.Solvers;

namespace FlatLab.Search;

/// <summary>Settings of the search for the flattest interpolator over (a, W) (docs/optimizers.md).</summary>
public sealed record FlattestSearchSpec
{
    public int MaxIterations { get; init; } = 50;
    /// <summary>The first trial step, as the largest rotation (radians) of any direction.</summary>
    public double InitialAngle { get; init; } = 0.05;
    /// <summary>Armijo's sufficient-decrease constant.</summary>
    public double Armijo { get; init; } = 1e-4;
    /// <summary>Stop when the relative decrease of F_min in an iteration falls below this.</summary>
    public double RelativeTolerance { get; init; } = 1e-6;
    /// <summary>Backtracking gives up below this rotation.</summary>
    public double MinAngle { get; init; } = 1e-7;
    public OuterWeighting Weighting { get; init; } = OuterWeighting.Exact;
    public SolverSettings Solver { get; init; } = new();

    public FlattestSearchSpec Validate()
    {
        if (MaxIterations < 1) throw new ArgumentException($"Search max_iterations = {MaxIterations}: must be >= 1.");
        foreach (var (name, value) in new[] { ("initial_angle", InitialAngle), ("armijo", Armijo), ("relative_tolerance", RelativeTolerance), ("min_angle", MinAngle) })
            if (!(value > 0 && value < 1))
                throw new ArgumentException($"Search {name} = {value.ToString("R", CultureInfo.InvariantCulture)}: must lie in (0, 1).");
        Solver.Validate();
        return this;
    }
}
