namespace FlatLab.Data;

/// <summary>The link functions g of docs/model.md §1, with y = g(x) + ε.</summary>
public enum LinkKind
{
    /// <summary>g = σ*(u₁ · x).</summary>
    SingleIndex,
    /// <summary>g = Σ_r c_r σ*(u_r · x).</summary>
    SumSingleIndex,
    /// <summary>g = u₁ · x (σ* is ignored).</summary>
    Linear,
    /// <summary>g = σ*(xᵀ A x − tr A), A symmetric, full rank, ‖A‖_F = 1 (not a multi-index model).</summary>
    QuadraticFeature,
    /// <summary>g = Σ_l b_l σ*(v_l · U x): a teacher network inside span(U).</summary>
    Teacher,
}

public static class LinkKindNames
{
    public const string Help = "single-index, sum-single-index, linear, quadratic-feature, teacher";

    public static LinkKind Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "single-index" => LinkKind.SingleIndex,
        "sum-single-index" => LinkKind.SumSingleIndex,
        "linear" => LinkKind.Linear,
        "quadratic-feature" => LinkKind.QuadraticFeature,
        "teacher" => LinkKind.Teacher,
        _ => throw new ArgumentException($"Unknown link '{text}'; expected one of {Help}."),
    };

    public static string Name(this LinkKind link) => link switch
    {
        LinkKind.SingleIndex => "single-index",
        LinkKind.SumSingleIndex => "sum-single-index",
        LinkKind.Linear => "linear",
        LinkKind.QuadraticFeature => "quadratic-feature",
        LinkKind.Teacher => "teacher",
        _ => throw new ArgumentOutOfRangeException(nameof(link), link, null),
    };
}
