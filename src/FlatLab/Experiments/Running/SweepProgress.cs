namespace FlatLab.Experiments.Running;

/// <summary>A snapshot of a running sweep, reported after every finished case.</summary>
/// <param name="Total">Cases in this run (this shard).</param>
/// <param name="Resumed">Cases found finished in the store at start.</param>
/// <param name="Done">Cases finished by this run, failed ones included.</param>
/// <param name="Failed">Cases of this run that did not solve.</param>
public sealed record SweepProgress(int Total, int Resumed, int Done, int Failed, TimeSpan Elapsed, string? LastKey)
{
    public int Remaining => Total - Resumed - Done;

    /// <summary>Cases per second in this run.</summary>
    public double Rate => Elapsed.TotalSeconds > 0 ? Done / Elapsed.TotalSeconds : 0;

    public TimeSpan? EstimatedLeft => Rate > 0 ? TimeSpan.FromSeconds(Remaining / Rate) : null;
}
