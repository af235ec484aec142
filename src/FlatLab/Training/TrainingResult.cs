namespace FlatLab.Training;

/// <summary>Why training stopped.</summary>
public enum TrainingStatus
{
    Unfinished = 0,
    /// <summary>The training loss fell below the tolerance: the network interpolates.</summary>
    Interpolated,
    /// <summary>The step budget ran out first.</summary>
    StepBudget,
    /// <summary>The loss became non-finite or exploded.</summary>
    Diverged,
}

/// <summary>A finished training run.</summary>
/// <param name="Losses">The full training loss after every recorded step (step, loss).</param>
/// <param name="State">The network (a, W) at the end.</param>
public sealed record TrainingResult(
    TrainingStatus Status,
    NetworkState State,
    int Steps,
    double FinalLoss,
    double LearningRate,
    IReadOnlyList<(int Step, double Loss)> Losses,
    double Seconds)
{
    /// <summary>The step at which the training loss first fell below <see cref="TrainingSpec.LossTolerance"/>
    /// (the run stops there); −1 when it never did.</summary>
    public int InterpolationStep { get; init; } = -1;
}
