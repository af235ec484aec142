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
    /// <summary>Optimizer runs: the feature-learning (mean-field) runs end closer to the flattest interpolator found by
    /// the search than the lazy (standard) runs: F_min / F_search is smaller on average (docs/optimizers/README.md).</summary>
    FeatureLearningCloserToFlattest,
    /// <summary>Optimizer runs: across the interpolating networks of every run, flatter goes with better generalization.</summary>
    FlatnessOrdersOptimizers,
    /// <summary>A scaling law's exponent in d is the one the theory predicts (docs/theory.md §7).</summary>
    ExponentMatchesPrediction,
    /// <summary>A quantity grows with d: its exponent is positive (docs/theory.md §7).</summary>
    GrowsWithDimension,
    /// <summary>The flattest converged search is flatter than every ρ construction of its seed (docs/theory.md §9).</summary>
    FlatterThanConstructions,
    /// <summary>The flattest converged search does better than predicting 0 (docs/theory.md §9).</summary>
    SearchBetterThanTrivial,
    /// <summary>The flattest converged search's directions carry (almost) no bias: the paper's Appendix D.6 (docs/theory.md §9).</summary>
    BiasVanishes,
    /// <summary>The flattest interpolator the converged searches found generalizes (nearly) as well as the best ρ.</summary>
    SearchedFlattestNearBest,
    /// <summary>The flattest interpolator the converged searches found does better than predicting 0.</summary>
    SearchedFlattestBeatsTrivial,
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
        ClaimKind.FeatureLearningCloserToFlattest => "feature_learning_closer_to_flattest",
        ClaimKind.FlatnessOrdersOptimizers => "flatness_orders_optimizers",
        ClaimKind.ExponentMatchesPrediction => "exponent_matches_prediction",
        ClaimKind.GrowsWithDimension => "grows_with_dimension",
        ClaimKind.FlatterThanConstructions => "flatter_than_constructions",
        ClaimKind.SearchBetterThanTrivial => "search_better_than_trivial",
        ClaimKind.BiasVanishes => "bias_vanishes",
        ClaimKind.SearchedFlattestNearBest => "searched_flattest_near_best",
        ClaimKind.SearchedFlattestBeatsTrivial => "searched_flattest_beats_trivial",
        _ => throw new ArgumentOutOfRangeException(nameof(claim), claim, null),
    };
}
