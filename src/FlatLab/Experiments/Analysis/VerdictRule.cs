using System.Globalization;

namespace FlatLab.Experiments.Analysis;

/// <summary>
/// The one verdict rule (docs/statistics.md §3): every threshold that turns a statistic's bootstrap
/// interval into holds / fails / inconclusive is declared here and nowhere else. A claim is decided
/// only when its whole interval lies on one side of its threshold; with fewer than
/// <see cref="MinimumSeeds"/> seeds it is inconclusive whatever the interval says.
/// </summary>
public static class VerdictRule
{
    /// <summary>Below this many seeds the percentile interval of a cluster bootstrap is not meaningful.</summary>
    public const int MinimumSeeds = 5;

    /// <summary>|Spearman| at which a link counts as present (a "medium" rank correlation).</summary>
    public const double LinkThreshold = 0.3;

    /// <summary>Spearman above which a link counts as strong.</summary>
    public const double StrongLinkThreshold = 0.6;

    /// <summary>L(ρ*)/L_best below which the flattest ρ counts as generalizing as well as the best ρ.</summary>
    public const double NearBestRatio = 1.1;

    /// <summary>L(ρ*) over the trivial predictor's loss below which the flattest interpolator beats predicting 0.</summary>
    public const double TrivialRatio = 1.0;

    /// <summary>The flattest converged search's mean bias share below which its directions count as bias-free (docs/theory.md §9).</summary>
    public const double BiasFreeShare = 0.05;

    /// <summary>F_min/F_search of feature-learning runs over that of lazy runs below which feature learning ends closer to the flattest interpolator.</summary>
    public const double ClosenessRatio = 1.0;

    /// <summary>Every claim about ρ sweeps, in the order of stats.csv and the summaries.</summary>
    public static IReadOnlyList<ClaimKind> Claims { get; } =
    [
        ClaimKind.FlatnessOrdersGeneralization, ClaimKind.StrongLink, ClaimKind.NoLink,
        ClaimKind.FlattestGeneralizesBest, ClaimKind.BetterThanTrivial,
    ];

    /// <summary>Every claim about optimizer runs (<see cref="OptimizerStatistics"/>).</summary>
    public static IReadOnlyList<ClaimKind> OptimizerClaims { get; } =
        [ClaimKind.FeatureLearningCloserToFlattest, ClaimKind.FlatnessOrdersOptimizers];

    /// <summary>The claims on the searches for the flattest interpolator (<see cref="SearchBootstrap"/>), judged with the
    /// same thresholds as their ρ counterparts.</summary>
    public static IReadOnlyList<ClaimKind> SearchClaims { get; } = [ClaimKind.SearchedFlattestNearBest, ClaimKind.SearchedFlattestBeatsTrivial];

    /// <summary>The statistic a claim is judged on, and whether on the restricted ρ range (true) or all ρ.</summary>
    public static (string Statistic, bool Restricted) StatisticOf(ClaimKind claim) => claim switch
    {
        ClaimKind.FlatnessOrdersGeneralization or ClaimKind.StrongLink or ClaimKind.NoLink => (StatisticNames.Spearman, true),
        ClaimKind.FlattestGeneralizesBest => (StatisticNames.LossRatio, false),
        ClaimKind.BetterThanTrivial => (StatisticNames.LossOverTrivial, false),
        ClaimKind.FeatureLearningCloserToFlattest => (StatisticNames.ClosenessRatio, false),
        ClaimKind.FlatnessOrdersOptimizers => (StatisticNames.Spearman, false),
        ClaimKind.ExponentMatchesPrediction or ClaimKind.GrowsWithDimension => (StatisticNames.Slope, false),
        ClaimKind.FlatterThanConstructions => (StatisticNames.SearchOverBestRho, false),
        ClaimKind.SearchBetterThanTrivial => (StatisticNames.SearchLossOverTrivial, false),
        ClaimKind.BiasVanishes => (StatisticNames.SearchBiasShare, false),
        ClaimKind.SearchedFlattestNearBest => (StatisticNames.SearchLossOverRhoBest, false),
        ClaimKind.SearchedFlattestBeatsTrivial => (StatisticNames.SearchLossOverTrivial, false),
        _ => throw new ArgumentOutOfRangeException(nameof(claim), claim, null),
    };

    /// <summary>Judges every claim on the matching estimate of <paramref name="estimates"/> (one panel's).</summary>
    public static IReadOnlyList<ClaimVerdict> JudgeAll(IReadOnlyList<StatisticEstimate> estimates)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        var verdicts = new List<ClaimVerdict>();
        foreach (var claim in Claims)
        {
            var (statistic, restricted) = StatisticOf(claim);
            var estimate = estimates.FirstOrDefault(e => e.Statistic == statistic && (e.Range != StatisticsSettings.FullRange) == restricted);
            if (estimate is not null) verdicts.Add(Judge(claim, estimate));
        }
        return verdicts;
    }

    /// <summary>The verdict on <paramref name="claim"/> from <paramref name="estimate"/>'s interval.</summary>
    public static ClaimVerdict Judge(ClaimKind claim, StatisticEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var (statistic, _) = StatisticOf(claim);
        if (estimate.Statistic != statistic)
            throw new ArgumentException($"Claim {claim.ToSnakeCase()} is judged on {statistic}, not on {estimate.Statistic}.", nameof(estimate));
        var what = Describe(estimate);
        if (estimate.Seeds < MinimumSeeds)
            return new(claim, estimate, ClaimStatus.Inconclusive,
                $"{what}: only {estimate.Seeds} seeds (fewer than {MinimumSeeds}), too few for the interval to mean anything");
        if (!estimate.HasInterval)
            return new(claim, estimate, ClaimStatus.Inconclusive, $"{what}: the interval is undefined");

        var (lo, hi) = (estimate.Lower, estimate.Upper);
        var (status, reason) = claim switch
        {
            ClaimKind.FlatnessOrdersGeneralization => Above(lo, hi, LinkThreshold),
            ClaimKind.StrongLink => Above(lo, hi, StrongLinkThreshold),
            ClaimKind.NoLink => Inside(lo, hi, LinkThreshold),
            ClaimKind.FlattestGeneralizesBest => Below(lo, hi, NearBestRatio),
            ClaimKind.BetterThanTrivial => Below(lo, hi, TrivialRatio),
            ClaimKind.FeatureLearningCloserToFlattest => Below(lo, hi, ClosenessRatio),
            ClaimKind.FlatnessOrdersOptimizers => Above(lo, hi, LinkThreshold),
            ClaimKind.GrowsWithDimension => Above(lo, hi, 0),
            ClaimKind.FlatterThanConstructions => Below(lo, hi, 1),
            ClaimKind.SearchBetterThanTrivial => Below(lo, hi, TrivialRatio),
            ClaimKind.BiasVanishes => Below(lo, hi, BiasFreeShare),
            ClaimKind.ExponentMatchesPrediction => throw new ArgumentException(
                "The exponent claim needs the predicted exponent: use JudgeExponent.", nameof(claim)),
            ClaimKind.SearchedFlattestNearBest => Below(lo, hi, NearBestRatio),
            ClaimKind.SearchedFlattestBeatsTrivial => Below(lo, hi, TrivialRatio),
            _ => throw new ArgumentOutOfRangeException(nameof(claim), claim, null),
        };
        return new(claim, estimate, status, $"{what}: {reason}");
    }

    /// <summary>
    /// The claim that a scaling law's exponent is <paramref name="predicted"/> (≠ 0), from the slope's interval:
    /// holds when the interval contains the prediction and not 0; fails when it excludes the prediction;
    /// inconclusive when it contains both 0 and the prediction (the data cannot tell the law from no growth),
    /// is undefined, or rests on fewer than <see cref="MinimumSeeds"/> seeds (docs/theory.md §7.1).
    /// </summary>
    public static ClaimVerdict JudgeExponent(StatisticEstimate slope, double predicted)
    {
        ArgumentNullException.ThrowIfNull(slope);
        if (!double.IsFinite(predicted) || predicted == 0)
            throw new ArgumentException($"The predicted exponent must be finite and non-zero, got {F(predicted)}.", nameof(predicted));
        var claim = ClaimKind.ExponentMatchesPrediction;
        if (slope.Statistic != StatisticNames.Slope)
            throw new ArgumentException($"Claim {claim.ToSnakeCase()} is judged on {StatisticNames.Slope}, not on {slope.Statistic}.", nameof(slope));
        var what = Describe(slope) + $", predicted {F(predicted)}";
        if (Undecidable(slope, what) is { } reason) return new(claim, slope, ClaimStatus.Inconclusive, reason);
        var (lo, hi) = (slope.Lower, slope.Upper);
        var containsPrediction = lo <= predicted && predicted <= hi;
        var containsZero = lo <= 0 && 0 <= hi;
        var (status, text) = !containsPrediction ? (ClaimStatus.Fails, $"the interval excludes {F(predicted)}")
            : containsZero ? (ClaimStatus.Inconclusive, $"the interval contains both 0 and {F(predicted)}")
            : (ClaimStatus.Holds, $"the interval contains {F(predicted)} and excludes 0");
        return new(claim, slope, status, $"{what}: {text}");
    }

    /// <summary>
    /// The claim that a quantity grows with d: holds when the slope's whole interval is above 0, fails when it is
    /// below 0, inconclusive otherwise (docs/theory.md §7.1).
    /// </summary>
    public static ClaimVerdict JudgeGrowth(StatisticEstimate slope)
    {
        ArgumentNullException.ThrowIfNull(slope);
        return Judge(ClaimKind.GrowsWithDimension, slope);
    }

    private static string? Undecidable(StatisticEstimate e, string what) =>
        e.Seeds < MinimumSeeds ? $"{what}: only {e.Seeds} seeds (fewer than {MinimumSeeds}), too few for the interval to mean anything"
        : !e.HasInterval ? $"{what}: the interval is undefined"
        : null;

    /// <summary>The claim is "the statistic exceeds τ".</summary>
    private static (ClaimStatus, string) Above(double lo, double hi, double tau) =>
        lo > tau ? (ClaimStatus.Holds, $"whole interval above {F(tau)}")
        : hi < tau ? (ClaimStatus.Fails, $"whole interval below {F(tau)}")
        : (ClaimStatus.Inconclusive, $"interval contains {F(tau)}");

    /// <summary>The claim is "the statistic is below τ".</summary>
    private static (ClaimStatus, string) Below(double lo, double hi, double tau) =>
        hi < tau ? (ClaimStatus.Holds, $"whole interval below {F(tau)}")
        : lo > tau ? (ClaimStatus.Fails, $"whole interval above {F(tau)}")
        : (ClaimStatus.Inconclusive, $"interval contains {F(tau)}");

    /// <summary>The claim is "|statistic| &lt; τ".</summary>
    private static (ClaimStatus, string) Inside(double lo, double hi, double tau) =>
        lo > -tau && hi < tau ? (ClaimStatus.Holds, $"whole interval inside ({F(-tau)}, {F(tau)})")
        : lo > tau ? (ClaimStatus.Fails, $"whole interval above {F(tau)}")
        : hi < -tau ? (ClaimStatus.Fails, $"whole interval below {F(-tau)}")
        : (ClaimStatus.Inconclusive, $"interval reaches beyond ±{F(tau)}");

    private static string Describe(StatisticEstimate e) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{e.Statistic} ({e.Range}) = {F(e.Point)} [{F(e.Lower)}, {F(e.Upper)}] at {F(100 * e.Level)}%, {e.Seeds} seeds, {e.Rows} rows, {e.Failed} failed");

    private static string F(double x) => double.IsNaN(x) ? "NaN" : x.ToString("0.###", CultureInfo.InvariantCulture);
}
