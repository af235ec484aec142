namespace FlatLab.Experiments.Results;

/// <summary>
/// One row of a sweep's results table; the columns are documented in docs/results-schema.md and
/// written in snake_case. A case that failed keeps its parameters, its status and message, and NaN
/// for every number that needs a solution.
/// </summary>
public sealed record CaseResult
{
    public required string CaseKey { get; init; }
    public required int CaseIndex { get; init; }
    public required string CaseSeed { get; init; }
    public required string DataSeed { get; init; }
    public required int Repetition { get; init; }
    public required string Panel { get; init; }
    public required string Figure { get; init; }
    public required string Link { get; init; }
    public required string Activation { get; init; }
    public required string LinkActivation { get; init; }
    public required bool InsideAssumption1 { get; init; }
    public required int K { get; init; }
    public required double P { get; init; }
    public required int D { get; init; }
    public required int N { get; init; }
    public required int M { get; init; }
    public required int R { get; init; }
    public required double NoiseStd { get; init; }
    public required double Rho { get; init; }
    /// <summary>"rho" (the paper's experiment), "train" (an optimizer run) or "search".</summary>
    public string Kind { get; init; } = "rho";
    /// <summary>The optimizer run's or search's name; empty for ρ cases.</summary>
    public string Variant { get; init; } = "";
    public required string Weights { get; init; }

    public required string Status { get; init; }
    public required string Message { get; init; }
    public double FlatnessMin { get; init; } = double.NaN;
    public double Objective { get; init; } = double.NaN;
    public double UnitLpNorm { get; init; } = double.NaN;
    public double LowerBound { get; init; } = double.NaN;
    public double DualObjective { get; init; } = double.NaN;
    public double DualityGap { get; init; } = double.NaN;
    public double PrimalResidual { get; init; } = double.NaN;
    public int Iterations { get; init; }
    public double SolveSeconds { get; init; } = double.NaN;
    public int Support { get; init; }
    public string OptimalPoint { get; init; } = "";

    public double PopulationLoss { get; init; } = double.NaN;
    public string PopulationLossMethod { get; init; } = "";
    public double PopulationLossSe { get; init; } = double.NaN;
    public double ExcessLoss { get; init; } = double.NaN;
    public double SignalPower { get; init; } = double.NaN;
    public double NoiseVariance { get; init; } = double.NaN;

    public double PhiCondition { get; init; } = double.NaN;
    public double Separation { get; init; } = double.NaN;
    public double CaseSeconds { get; init; } = double.NaN;

    // Theory diagnostics of ρ cases (docs/theory.md); NaN where they do not apply.
    /// <summary>Σ c_j|a_j|^p over the certified lower bound (the paper's Theorem 1); ≥ 1.</summary>
    public double FlatnessOverLowerBound { get; init; } = double.NaN;
    /// <summary>Eigenvalues of ΦΦᵀ/n: the largest, the second, the smallest, and second / smallest (Lemma 2).</summary>
    public double GramLargest { get; init; } = double.NaN;
    public double GramSecond { get; init; } = double.NaN;
    public double GramSmallest { get; init; } = double.NaN;
    public double GramSecondOverSmallest { get; init; } = double.NaN;
    /// <summary>max_j |S_j / E S_j − 1| and max_j |T_j / E T_j − 1| under Gaussian features (Lemmas 1 and 4).</summary>
    public double SDeviationMax { get; init; } = double.NaN;
    public double TDeviationMax { get; init; } = double.NaN;
    /// <summary>(Σ|a_j|)² / (m_nz Σ a_j²) over the non-zero weights: 1 for equal magnitudes (Proposition 2).</summary>
    public double ParticipationRatio { get; init; } = double.NaN;
    /// <summary>The share of Σ|a_j| carried by the largest 10% of the neurons.</summary>
    public double TopDecileShare { get; init; } = double.NaN;
    /// <summary>F_min of the Theorem 4 reference interpolator on the same data, when it interpolates.</summary>
    public double ReferenceFlatnessMin { get; init; } = double.NaN;
    /// <summary>Networks with biases: the mean over neurons of |b_j| / ‖(w_j, b_j)‖ (0 when no neuron uses its bias).</summary>
    public double BiasShare { get; init; } = double.NaN;

    // Optimizer runs and searches (NaN / 0 for ρ cases); docs/optimizers.md.
    /// <summary>Training steps taken, or search iterations.</summary>
    public int TrainSteps { get; init; }
    /// <summary>The final training loss L_S.</summary>
    public double TrainLoss { get; init; } = double.NaN;
    public double LearningRate { get; init; } = double.NaN;
    /// <summary>The raw flatness F = tr ∇²L_S of the final network, before any rescaling.</summary>
    public double Flatness { get; init; } = double.NaN;
    /// <summary>F_min of the flattest interpolator for the final directions (the best any outer weights can do).</summary>
    public double FlattestFlatnessMin { get; init; } = double.NaN;
    /// <summary>The population loss of that flattest interpolator.</summary>
    public double FlattestPopulationLoss { get; init; } = double.NaN;
    /// <summary>Mean and median over neurons of ‖P_U ŵ_j‖.</summary>
    public double AlignmentMean { get; init; } = double.NaN;
    public double AlignmentMedian { get; init; } = double.NaN;
    /// <summary>The recorded trajectory or search path; written to trajectories.csv / .parquet, not to the results table.</summary>
    public TrajectoryPoint[]? Trajectory { get; init; }

    /// <summary>Solved, with a population loss: the rows the figures and summaries use.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsRho => Kind == "rho";

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsUsable => Status == "solved" && double.IsFinite(PopulationLoss) && double.IsFinite(FlatnessMin);
}
