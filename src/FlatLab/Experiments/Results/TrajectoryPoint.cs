namespace FlatLab.Experiments.Results;

/// <summary>
/// One recorded point of an optimizer run (Step = training step) or of a search (Step = iteration).
/// </summary>
/// <param name="FlatnessMin">F_min of the network's own (a, W) over its rescaling orbit.</param>
/// <param name="FlattestFlatnessMin">F_min of the flattest interpolator for its directions.</param>
public sealed record TrajectoryPoint(
    int Step,
    double TrainLoss,
    double Flatness,
    double FlatnessMin,
    double FlattestFlatnessMin,
    double AlignmentMean,
    double PopulationLoss,
    double FlattestPopulationLoss)
{
    /// <summary>Networks with biases: the mean of |b_j| / ‖(w_j, b_j)‖ at this point; NaN otherwise.</summary>
    public double BiasShare { get; init; } = double.NaN;
}
