namespace FlatLab.Experiments.Results;

/// <summary>
/// One recorded point of an optimizer run (Step = training step) or of a search (Step = iteration):
/// a row of trajectories.csv / .parquet, whose columns are declared here (docs/results-schema.md).
/// </summary>
public sealed record TrajectoryPoint(
    [property: ResultColumn("Training step, or search iteration (0 = the start).")] int Step,
    [property: ResultColumn("L_S at that point (0 for a search: every point interpolates).", Unit = "label units²")] double TrainLoss,
    [property: ResultColumn("Raw F = tr ∇²L_S (NaN for a search).")] double Flatness,
    [property: ResultColumn("F_min of the network's own (a, W) over its rescaling orbit.")] double FlatnessMin,
    [property: ResultColumn("F_min of the flattest interpolator for its directions.")] double FlattestFlatnessMin,
    [property: ResultColumn("Mean over neurons of ‖P_U ŵ_j‖.")] double AlignmentMean,
    [property: ResultColumn("Population loss of the network.", Unit = "label units²")] double PopulationLoss,
    [property: ResultColumn("Population loss of the flattest interpolator for its directions.", Unit = "label units²")] double FlattestPopulationLoss)
{
    [ResultColumn("Networks with biases: mean |b_j| / ‖(w_j, b_j)‖ weighted by |a_j| ‖(w_j, b_j)‖ᵏ at that point (as `bias_share` of the results table); NaN otherwise.")]
    public double BiasShare { get; init; } = double.NaN;
}
