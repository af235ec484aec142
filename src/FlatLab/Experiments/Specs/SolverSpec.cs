using FlatLab.Solvers;

namespace FlatLab.Experiments.Specs;

/// <summary>
/// The solver of a sweep as the spec file writes it: the objective's weighting and the
/// <see cref="SolverSettings"/> fields, whose defaults and checks are the settings' own
/// (<see cref="Settings"/> is the one place the two meet).
/// </summary>
public sealed record SolverSpec
{
    private static readonly SolverSettings Defaults = new();

    /// <summary>exact (the minimum flatness) or unit (the paper's unweighted l_p problem).</summary>
    public OuterWeighting Weights { get; init; } = OuterWeighting.Exact;
    /// <summary>p = 1: vertex or central.</summary>
    public OptimalPoint Point { get; init; } = Defaults.Point;
    public int MaxIterations { get; init; } = Defaults.MaxIterations;
    public double GapTolerance { get; init; } = Defaults.GapTolerance;
    public double FeasibilityTolerance { get; init; } = Defaults.FeasibilityTolerance;
    public double ConditionLimit { get; init; } = Defaults.ConditionLimit;

    /// <summary>The solver settings this spec describes (kernels are the run's, set by the caller).</summary>
    public SolverSettings Settings() => new()
    {
        MaxIterations = MaxIterations,
        GapTolerance = GapTolerance,
        FeasibilityTolerance = FeasibilityTolerance,
        ConditionLimit = ConditionLimit,
        Point = Point,
    };

    public void Validate(string field)
    {
        try
        {
            Settings().Validate();
        }
        catch (ArgumentException e)
        {
            throw SpecException.FromSettings(field, this, e);
        }
    }
}
