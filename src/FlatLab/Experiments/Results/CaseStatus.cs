using System.ComponentModel;

namespace FlatLab.Experiments.Results;

/// <summary>
/// What a case of a sweep concluded. Written as the snake_case of the member name
/// (<see cref="SnakeCaseEnum"/>), so <c>IllConditioned</c> is <c>ill_conditioned</c>; the names are a
/// stable part of the results schema (docs/results-schema.md), never renamed.
/// </summary>
public enum CaseStatus
{
    [Description("Not run to a verdict yet (the state of a case before it runs).")]
    Unsolved = 0,
    [Description("`rho`: the solver's optimum to the requested tolerances; `train`: the network interpolates; `search`: the search ended at an interpolating network.")]
    Solved,
    [Description("Φa = y has no solution (y is outside the range of Φ).")]
    Infeasible,
    [Description("Φ is numerically rank deficient or too ill-conditioned for a trustworthy answer.")]
    IllConditioned,
    [Description("The solver's iteration budget ran out before the tolerances were met.")]
    MaxIterations,
    [Description("A factorisation or step of the solver failed for numerical reasons.")]
    NumericalError,
    [Description("`train`: the step budget ran out before the network interpolated; the row holds the final network's numbers.")]
    StepBudget,
    [Description("`train`: the training loss diverged; the row holds the final network's numbers.")]
    Diverged,
    [Description("The case could not be set up or evaluated; `message` says why.")]
    Error,
}
