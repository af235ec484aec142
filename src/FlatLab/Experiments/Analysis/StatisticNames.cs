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

    /// <summary>Optimizer runs: mean over seeds of F_min / F_min of the flattest interpolator for the run's own directions (≥ 1).</summary>
    public const string FlatnessRatio = "flatness_ratio";

    /// <summary>Optimizer runs: mean over seeds of F_min / the least F_min the seed's searches over (a, W) reached.</summary>
    public const string FlatnessOverSearch = "flatness_over_search";

    /// <summary>Optimizer runs: mean population loss over seeds.</summary>
    public const string PopulationLoss = "population_loss";

    /// <summary>Optimizer runs: mean over seeds of alignment_mean / alignment_random (1: the directions are as random as at the start).</summary>
    public const string AlignmentOverRandom = "alignment_over_random";

    /// <summary>Optimizer runs: mean flatness_over_search of the mean-field runs over that of the standard runs (below 1: feature learning ends closer).</summary>
    public const string ClosenessRatio = "closeness_ratio";

    /// <summary>Optimizer runs: mean population loss of the mean-field runs over that of the standard runs.</summary>
    public const string RegimeLossRatio = "regime_loss_ratio";

    /// <summary>Optimizer runs: Spearman of alignment_over_random and flatness_over_search over the interpolating runs.</summary>
    public const string AlignmentClosenessSpearman = "alignment_closeness_spearman";
    /// <summary>The least-squares exponent of a scaling law in d (docs/theory.md §7).</summary>
    public const string Slope = "slope";

    /// <summary>Per seed, the flattest converged search's F_min over the smallest F_min of the seed's ρ constructions; mean over seeds.</summary>
    public const string SearchOverBestRho = "search_over_best_rho";

    /// <summary>Per seed, the flattest converged search's population loss over signal power + noise variance; mean over seeds.</summary>
    public const string SearchLossOverTrivial = "search_loss_over_trivial";

    /// <summary>Per seed, the flattest converged search's bias share (docs/theory.md §5); mean over seeds.</summary>
    public const string SearchBiasShare = "search_bias_share";
    /// <summary>Searches: the seed-mean population loss of the flattest converged search interpolator over the seed-mean
    /// best loss of the ρ family (below 1.1: the flattest found generalizes about as well as the best ρ).</summary>
    public const string SearchLossOverRhoBest = "search_loss_over_rho_best";


    /// <summary>Searches: the same loss over the Theorem 4 reference's (noiseless) or the noisy-label reference's.</summary>
    public const string SearchLossOverReference = "search_loss_over_reference";

    /// <summary>Searches: the seed-mean F_min of the flattest converged search over the seed-mean Theorem 1 lower bound there.</summary>
    public const string SearchFlatnessOverLowerBound = "search_flatness_over_lower_bound";

    /// <summary>Searches: the share of a panel's searches that ended by their convergence test.</summary>
    public const string SearchConvergedShare = "search_converged_share";
}
