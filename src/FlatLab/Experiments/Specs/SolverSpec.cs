using System.Globalization;
using FlatLab.Solvers;

namespace FlatLab.Experiments.Specs;

/// <summary>The solver settings of a sweep, as written in the spec file.</summary>
public sealed record SolverSpec
{
    /// <summary>"exact" (the minimum flatness) or "unit" (the paper's unweighted l_p problem).</summary>
    public string Weights { get; init; } = "exact";
    /// <summary>p = 1: "vertex" or "central".</summary>
    public string Point { get; init; } = "vertex";
    public int MaxIterations { get; init; } = 100;
    public double GapTolerance { get; init; } = 1e-10;
    public double FeasibilityTolerance { get; init; } = 1e-9;
    public double ConditionLimit { get; init; } = 1e7;

    public OuterWeighting Weighting => Weights == "unit" ? OuterWeighting.Unit : OuterWeighting.Exact;

    public SolverSettings ToSettings() => new()
    {
        MaxIterations = MaxIterations,
        GapTolerance = GapTolerance,
        FeasibilityTolerance = FeasibilityTolerance,
        ConditionLimit = ConditionLimit,
        Point = Point == "central" ? OptimalPoint.Central : OptimalPoint.Vertex,
    };

    public void Validate(string field)
    {
        if (Weights is not ("exact" or "unit")) throw new SpecException($"{field}.weights", Weights, "expected exact or unit");
        if (Point is not ("vertex" or "central")) throw new SpecException($"{field}.point", Point, "expected vertex or central");
        if (MaxIterations < 1) throw new SpecException($"{field}.max_iterations", Str(MaxIterations), "must be >= 1");
        if (!(GapTolerance > 0 && GapTolerance < 1)) throw new SpecException($"{field}.gap_tolerance", Str(GapTolerance), "must lie in (0, 1)");
        if (!(FeasibilityTolerance > 0 && FeasibilityTolerance < 1))
            throw new SpecException($"{field}.feasibility_tolerance", Str(FeasibilityTolerance), "must lie in (0, 1)");
        if (!(ConditionLimit > 1 && ConditionLimit <= 1e8)) throw new SpecException($"{field}.condition_limit", Str(ConditionLimit), "must lie in (1, 1e8]");
    }

    private static string Str(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
