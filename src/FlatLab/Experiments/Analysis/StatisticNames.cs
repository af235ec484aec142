namespace FlatLab.Experiments.Analysis;

/// <summary>The names of the per-panel statistics in stats.csv and the summaries (docs/statistics.md §2).</summary>
public static class StatisticNames
{
    /// <summary>Spearman correlation of F_min and population loss over the usable (seed, ρ) rows of the range.</summary>
    public const string Spearman = "spearman";

    /// <summary>Spearman across seeds at each ρ, averaged over the ρ with at least three seeds.</summary>
    public const string WithinRhoSpearman = "within_rho_spearman";

    /// <summary>ρ*: the ρ with the smallest seed-averaged F_min.</summary>
    public const string RhoStar = "rho_star";

    /// <summary>L(ρ*) / L_best on the seed-averaged loss curve (1: the flattest ρ generalizes best).</summary>
    public const string LossRatio = "loss_ratio";

    /// <summary>L(ρ*) over the trivial predictor's loss, signal power + noise variance (below 1: better than predicting 0).</summary>
    public const string LossOverTrivial = "loss_over_trivial";

    /// <summary>L(ρ*) over the noise floor, the noise variance (1: nothing left to learn).</summary>
    public const string LossOverNoise = "loss_over_noise";
}
