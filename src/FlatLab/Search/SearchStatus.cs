namespace FlatLab.Search;

/// <summary>Why a search for the flattest interpolator ended (docs/optimizers.md §6).</summary>
public enum SearchStatus
{
    /// <summary>Not a search: the value a results row of another kind holds.</summary>
    None = 0,
    /// <summary>Its convergence test held: the projected envelope gradient fell below its tolerance relative to
    /// the start, or F_min's relative decrease over the window fell below its tolerance.</summary>
    Converged,
    /// <summary>The iteration cap (a safety net) was hit before the convergence test held.</summary>
    Cap,
    /// <summary>No trial rotation down to the smallest angle decreased F_min enough (or every trial failed to solve).</summary>
    StepFailure,
    /// <summary>The starting directions have no interpolator: the search never started.</summary>
    StartFailure,
}
