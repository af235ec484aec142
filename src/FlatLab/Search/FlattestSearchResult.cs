using FlatLab.Experiments.Results;
using FlatLab.Solvers;

namespace FlatLab.Search;

/// <summary>A finished search: the path (first point = the start), why it stopped and its final convergence measures.</summary>
/// <param name="Status">Converged, the cap, a step failure or a start without interpolator.</param>
/// <param name="Criterion">The test that declared convergence: "stationarity" or "decrease"; empty otherwise.</param>
/// <param name="Stationarity">The stationarity measure at the last point relative to ‖G₀‖_F, the start's projected envelope
/// gradient: ‖G‖_F there, or the norm of the min-norm element of the bundle of gradients sampled around it when that is
/// smaller (a kink, docs/optimizers.md §6); 0 when the start is stationary; NaN when the search never started.</param>
/// <param name="RelativeDecrease">(V_{t−w} − V_t) / V_{t−w} over the last w = window accepted steps (over the whole path
/// when it is shorter); NaN without a path.</param>
/// <param name="Message">What happened, in words.</param>
/// <param name="LastStatus">The solver's status at the last accepted point (at the start when it failed).</param>
public sealed record FlattestSearchResult(IReadOnlyList<SearchStep> Path, SearchStatus Status, string Criterion,
    double Stationarity, double RelativeDecrease, string Message, SolverStatus LastStatus)
{
    /// <summary>The number of gradients behind <see cref="Stationarity"/>: 1 for the envelope gradient at the last point,
    /// more for a bundle sampled around it.</summary>
    public int BundleSize { get; init; } = 1;

    /// <summary>The largest rotation (radians) from the last point to a point whose gradient is in that bundle (0 without one).</summary>
    public double BundleRadius { get; init; }

    /// <summary>The last (flattest) point; null when the start could not be solved.</summary>
    public SearchStep? Best => Path.Count > 0 ? Path[^1] : null;

    /// <summary>The status as written in a results row: converged, cap, step_failure or start_failure.</summary>
    public string StatusName => SnakeCaseEnum.Name(Status);
}
