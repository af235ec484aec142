using System.Text.Json.Serialization;
using FlatLab.Experiments.Running;
using FlatLab.Search;

namespace FlatLab.Experiments.Results;

/// <summary>
/// One row of a sweep's results table. Each <see cref="ResultColumnAttribute"/> property is a column
/// (named in snake_case, in declaration order); the CSV and Parquet tables, the case store's JSON and
/// docs/results-schema.md all follow from these declarations. A case that failed keeps its
/// parameters, its status and message, and NaN for every number that needs a solution.
/// </summary>
public sealed record CaseResult
{
    [ResultColumn("Unique case key `<panel>/s<seed>/rho<index>`, `<panel>/s<seed>/train-<name>` or `<panel>/s<seed>/search-<name>`, e.g. `fig2-relu/s00/rho03`.")]
    public required string CaseKey { get; init; }
    [ResultColumn("Position in the sweep's canonical order (panels, then seeds, then ρ); rows are sorted by it.")]
    public required int CaseIndex { get; init; }
    [ResultColumn("The case's unsigned 64-bit seed (inner weights W and Monte Carlo samples), derived from the sweep seed and `case_key`.")]
    public required ulong CaseSeed { get; init; }
    [ResultColumn("The unsigned 64-bit seed of the data (target directions U and sample S), shared by all ρ of a panel and seed.")]
    public required ulong DataSeed { get; init; }
    [ResultColumn("Seed (repetition) number, 0-based.")]
    public required int Repetition { get; init; }
    [ResultColumn("Panel name (`PanelSpec.Name`).")]
    public required string Panel { get; init; }
    [ResultColumn("The panel as the spec names it: for a grid cell the panel its grid belongs to (`panel` is then `<base_panel>[<grid_cell>]`), else `panel` itself.")]
    public string BasePanel { get; init; } = "";
    [ResultColumn("The grid cell's values, e.g. `n=100,noise_std=0.05` (docs/sweeps.md, grids); empty for a panel without a grid.")]
    public string GridCell { get; init; } = "";
    [ResultColumn("The figure the panel belongs to (`PanelSpec.Figure`, e.g. `2`).")]
    public required string Figure { get; init; }
    [ResultColumn("Target link: `single-index`, `sum-single-index`, `linear`, `quadratic-feature`, ... (docs/model.md §8).")]
    public required string Link { get; init; }
    [ResultColumn("The network's activation σ (canonical name, e.g. `relu`, `leaky-relu:0.1`).")]
    public required string Activation { get; init; }
    [ResultColumn("σ* inside the link.")]
    public required string LinkActivation { get; init; }
    [ResultColumn("Whether σ satisfies the paper's Assumption 1, E σ(z) ≠ 0 for standard Gaussian z (the paper's theory covers only these).")]
    public required bool InsideAssumption1 { get; init; }
    [ResultColumn("Homogeneity degree k of σ.")]
    public required int K { get; init; }
    [ResultColumn("The exponent p = 2k/(k+1) of the flattest-interpolator problem (docs/model.md §4).")]
    public required double P { get; init; }
    [ResultColumn("Input dimension d.")]
    public required int D { get; init; }
    [ResultColumn("Sample size n.")]
    public required int N { get; init; }
    [ResultColumn("Network width m (neurons).")]
    public required int M { get; init; }
    [ResultColumn("Number of target directions r.")]
    public required int R { get; init; }
    [ResultColumn("Standard deviation of the label noise.", Unit = "label units")]
    public required double NoiseStd { get; init; }
    [ResultColumn("The link offset b of the row's data model (docs/model.md §1.7): the panel's fixed value, or this repetition's draw; NaN when a drawn offset was never reached. Rows written before offsets existed read back as 0, which they were.", Unit = "label units")]
    public double LinkOffset { get; init; }
    [ResultColumn("Correlation ρ of each inner weight with the target subspace span(U) (docs/model.md §8).")]
    public required double Rho { get; init; }
    [ResultColumn("What the case does: `rho` (the paper's experiment: W at correlation ρ), `train` (an optimizer run) or `search` (a search for the flattest interpolator over (a, W)); docs/optimizers.md.")]
    public CaseKind Kind { get; init; } = CaseKind.Rho;
    [ResultColumn("The optimizer run's or search's name from the spec; empty for `rho` cases.")]
    public string Variant { get; init; } = "";
    [ResultColumn("Flatness weighting: `exact` (minimum over rescalings, docs/model.md §5) or `unit` (the plain ℓ_p norm).")]
    public required string Weights { get; init; }

    [ResultColumn("What the case concluded: `solved`, or why not (the statuses below).")]
    public required CaseStatus Status { get; init; }
    [ResultColumn("The solver's or runner's message (empty when solved without remark).")]
    public required string Message { get; init; }
    [ResultColumn("F_min = scale × objective: the minimum flatness of the flattest interpolator over rescalings (docs/model.md §4, §5). NaN if not solved, and with `weights` = `unit`.")]
    public double FlatnessMin { get; init; } = double.NaN;
    [ResultColumn("Σ_j c_j |a_j|^p at the returned outer weights a (the weighted objective the solver minimises).")]
    public double Objective { get; init; } = double.NaN;
    [ResultColumn("Σ_j |a_j|^p, the unweighted ℓ_p norm to the p (the paper's objective).")]
    public double UnitLpNorm { get; init; } = double.NaN;
    [ResultColumn("(‖b*‖₂² / ‖b*‖_q)^p, a certified lower bound on the optimum (docs/model.md §5).")]
    public double LowerBound { get; init; } = double.NaN;
    [ResultColumn("The dual objective at the returned dual point: a lower bound on the optimum.")]
    public double DualObjective { get; init; } = double.NaN;
    [ResultColumn("Objective − dual objective (≥ 0 up to rounding).")]
    public double DualityGap { get; init; } = double.NaN;
    [ResultColumn("‖Φa − y‖_∞ at the solution.", Unit = "label units")]
    public double PrimalResidual { get; init; } = double.NaN;
    [ResultColumn("Solver iterations.")]
    public int Iterations { get; init; }
    [ResultColumn("Wall time of the solve (differs between runs).", Unit = "s")]
    public double SolveSeconds { get; init; } = double.NaN;
    [ResultColumn("Neurons with a nonzero outer weight in the solution.")]
    public int Support { get; init; }
    [ResultColumn("Which optimal point was returned (`vertex` or `central`, as `solver.point` asks); empty if not solved.")]
    public string OptimalPoint { get; init; } = "";

    [ResultColumn("Population loss L_D of the solution: E(f(x) − y)² over fresh data, noise included (docs/model.md §7). NaN if not computed.", Unit = "label units²")]
    public double PopulationLoss { get; init; } = double.NaN;
    [ResultColumn("`exact`, `quadrature` or `monte-carlo`.")]
    public string PopulationLossMethod { get; init; } = "";
    [ResultColumn("Standard error of a Monte Carlo loss; 0 for exact methods.", Unit = "label units²")]
    public double PopulationLossSe { get; init; } = double.NaN;
    [ResultColumn("Population loss minus the noise variance.", Unit = "label units²")]
    public double ExcessLoss { get; init; } = double.NaN;
    [ResultColumn("E f*(x)², the target's power.", Unit = "label units²")]
    public double SignalPower { get; init; } = double.NaN;
    [ResultColumn("The label noise variance, `noise_std`².", Unit = "label units²")]
    public double NoiseVariance { get; init; } = double.NaN;

    [ResultColumn("Condition number σ_max/σ_min of the feature matrix Φ built from unit-normalised inner weights (∞ when singular; docs/model.md §6).")]
    public double PhiCondition { get; init; } = double.NaN;
    [ResultColumn("The solver's numerical rank of Φ over the live neurons: n unless Φ is rank deficient (a pivoted QR decides; docs/solver.md); 0 in rows without a ρ solve.")]
    public int PhiRank { get; init; }
    [ResultColumn("‖y − Πy‖₂, the part of y outside the range of Φ: at rounding level when solved, the obstruction when `infeasible`.", Unit = "label units")]
    public double OutsideRangeNorm { get; init; } = double.NaN;
    [ResultColumn("Separation of the inner weights: max over j ≠ l of the absolute cosine between neurons ŵ_j · ŵ_l (docs/model.md §6); NaN for m = 1.")]
    public double Separation { get; init; } = double.NaN;
    [ResultColumn("Wall time of the whole case (differs between runs).", Unit = "s")]
    public double CaseSeconds { get; init; } = double.NaN;

    // Theory diagnostics of ρ cases (docs/theory.md); NaN where they do not apply.
    [ResultColumn("`objective` / `lower_bound` (≥ 1): how tight the paper's Theorem 1 bound is (docs/theory.md); for a `search`, at its final directions.")]
    public double FlatnessOverLowerBound { get; init; } = double.NaN;
    [ResultColumn("Largest eigenvalue of ΦΦᵀ/n (the mean direction of σ, Lemma 2).")]
    public double GramLargest { get; init; } = double.NaN;
    [ResultColumn("Second largest eigenvalue of ΦΦᵀ/n.")]
    public double GramSecond { get; init; } = double.NaN;
    [ResultColumn("Smallest eigenvalue of ΦΦᵀ/n.")]
    public double GramSmallest { get; init; } = double.NaN;
    [ResultColumn("`gram_second` / `gram_smallest`: the conditioning without the mean direction.")]
    public double GramSecondOverSmallest { get; init; } = double.NaN;
    [ResultColumn("max_j |S_j / (n E σ(z)²) − 1| (Lemma 1 / Lemma 4).")]
    public double SDeviationMax { get; init; } = double.NaN;
    [ResultColumn("max_j |T_j / (n E[σ'(z)² ‖x‖²]) − 1|.")]
    public double TDeviationMax { get; init; } = double.NaN;
    [ResultColumn("(Σ|a_j|)² / (m_nz Σ a_j²) over the non-zero outer weights: 1 when all have equal magnitude (Proposition 2).")]
    public double ParticipationRatio { get; init; } = double.NaN;
    [ResultColumn("Share of Σ|a_j| carried by the largest 10% of the neurons.")]
    public double TopDecileShare { get; init; } = double.NaN;
    [ResultColumn("F_min of the Theorem 4 reference interpolator on the same data (for a `search`, on the network's inputs, zero biases), when it interpolates (noiseless links equal to the activation); for a `search` with noisy labels, of the noisy-label reference (the Theorem 4 network plus a block of m random neurons whose outer weights are the flattest interpolator of the residual, docs/flattest/README.md); NaN otherwise.")]
    public double ReferenceFlatnessMin { get; init; } = double.NaN;
    [ResultColumn("Networks with biases: the mean of |b_j| / ‖(w_j, b_j)‖ over the neurons, weighted by |a_j| ‖(w_j, b_j)‖ᵏ (neurons with a_j = 0 do not count; docs/theory.md §5; the paper's Appendix D.6: the flattest interpolator on Gaussian data has zero bias); NaN without biases or without a solution.")]
    public double BiasShare { get; init; } = double.NaN;

    // Optimizer runs and searches (NaN / 0 for ρ cases); docs/optimizers.md.
    [ResultColumn("`train`: training steps taken; `search`: accepted search steps.")]
    public int TrainSteps { get; init; }
    [ResultColumn("`train`: the final training loss L_S.", Unit = "label units²")]
    public double TrainLoss { get; init; } = double.NaN;
    [ResultColumn("`train`: the step size used (set, or from the edge of stability).")]
    public double LearningRate { get; init; } = double.NaN;
    [ResultColumn("`train`: the raw flatness F = tr ∇²L_S of the final network.")]
    public double Flatness { get; init; } = double.NaN;
    [ResultColumn("`train`: F_min of the flattest interpolator for the network's final directions; `search`: equals `flatness_min`.")]
    public double FlattestFlatnessMin { get; init; } = double.NaN;
    [ResultColumn("The population loss of that flattest interpolator.", Unit = "label units²")]
    public double FlattestPopulationLoss { get; init; } = double.NaN;
    [ResultColumn("Mean over neurons of ‖P_U ŵ_j‖ (1: inside span(U)).")]
    public double AlignmentMean { get; init; } = double.NaN;
    [ResultColumn("Median over neurons of ‖P_U ŵ_j‖.")]
    public double AlignmentMedian { get; init; } = double.NaN;
    [ResultColumn("`train`: Σ_j ω_j ‖P_U ŵ_j‖ / Σ_j ω_j with ω_j = |a_j| ‖w_j‖^k, the alignment of the neurons that carry the function.")]
    public double AlignmentWeighted { get; init; } = double.NaN;
    [ResultColumn("`train`: E‖P_U ŵ‖ for a direction uniform on the sphere (exact, docs/optimizers.md §5): where `alignment_mean` sits when no feature is learned.")]
    public double AlignmentRandom { get; init; } = double.NaN;
    [ResultColumn("`train`: η λ_max / 2 at the final network, λ_max the largest Hessian eigenvalue of the objective the optimizer steps on (docs/optimizers.md §4): about 1 at the edge of stability, above 1 unstable for GD; NaN when the Lanczos iteration did not meet its residual test (the message says why).")]
    public double EdgeRatio { get; init; } = double.NaN;
    [ResultColumn("`train`: the interpolation threshold: the run stops once L_S falls below it (its `loss_tolerance`).", Unit = "label units²")]
    public double LossThreshold { get; init; } = double.NaN;
    [ResultColumn("`train`: the step at which L_S first fell below `loss_threshold`; −1 when it never did (and in other rows).")]
    public int InterpolationStep { get; init; } = -1;

    // Searches (none / NaN for other cases); docs/optimizers.md §6.
    [ResultColumn("`search`: why it stopped (docs/optimizers.md §6): its convergence test held, the iteration cap was hit first, no rotation decreased F_min enough, or the start had no interpolator (or no reference to start from); `none` for other cases.")]
    public SearchStatus SearchStatus { get; init; }
    [ResultColumn("`search`: ‖G‖_F / ‖G₀‖_F at the last point, the projected envelope gradient relative to the start's.")]
    public double SearchStationarity { get; init; } = double.NaN;
    [ResultColumn("`search`: F_min's relative decrease over the last `window` accepted steps (the whole path when shorter).")]
    public double SearchRelativeDecrease { get; init; } = double.NaN;
    [ResultColumn("`search`: the population loss of the Theorem 4 reference when it interpolates the sample, of the noisy-label reference with noisy labels; NaN otherwise.", Unit = "label units²")]
    public double ReferencePopulationLoss { get; init; } = double.NaN;
    [ResultColumn("`search`: `flatness_min` / `reference_flatness_min` (below 1: flatter than the reference).")]
    public double FlatnessOverReference { get; init; } = double.NaN;
    /// <summary>The recorded trajectory or search path; written to trajectories.csv / .parquet, not to the results table.</summary>
    public TrajectoryPoint[]? Trajectory { get; init; }

    [JsonIgnore]
    public bool IsRho => Kind == CaseKind.Rho;

    /// <summary>Solved, with a finite F_min and population loss: the rows the figures and statistics use.</summary>
    [JsonIgnore]
    public bool IsUsable => Status.IsUsable() && double.IsFinite(PopulationLoss) && double.IsFinite(FlatnessMin);
}
