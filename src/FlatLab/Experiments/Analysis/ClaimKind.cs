namespace FlatLab.Experiments.Analysis;

/// <summary>The kinds of claim the verdict rule decides (docs/statistics.md §3).</summary>
public enum ClaimKind
{
    /// <summary>Flatter goes with better generalization: a positive link on the restricted ρ range.</summary>
    FlatnessOrdersGeneralization = 1,
    /// <summary>A strong positive link on the restricted ρ range.</summary>
    StrongLink,
    /// <summary>No link either way on the restricted ρ range.</summary>
    NoLink,
    /// <summary>The flattest ρ generalizes (nearly) as well as the best ρ.</summary>
    FlattestGeneralizesBest,
    /// <summary>The flattest interpolator does better than predicting 0.</summary>
    BetterThanTrivial,
}

public static class ClaimKindExtensions
{
    /// <summary>The snake_case spelling used in stats.csv.</summary>
    public static string ToSnakeCase(this ClaimKind claim) => claim switch
    {
        ClaimKind.FlatnessOrdersGeneralization => "flatness_orders_generalization",
        ClaimKind.StrongLink => "strong_link",
        ClaimKind.NoLink => "no_link",
        ClaimKind.FlattestGeneralizesBest => "flattest_generalizes_best",
        ClaimKind.BetterThanTrivial => "better_than_trivial",
        _ => throw new ArgumentOutOfRangeException(nameof(claim), claim, null),
    };
}
