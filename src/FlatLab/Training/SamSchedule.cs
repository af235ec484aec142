namespace FlatLab.Training;

/// <summary>
/// How the SAM / ASAM ascent radius changes along training (docs/optimizers.md §3). A fixed radius keeps
/// SAM off the interpolating set (its update does not vanish there), so a schedule that ends at radius 0
/// lets it reach the interpolation threshold.
/// </summary>
public enum SamSchedule
{
    /// <summary>ρ_t = ρ at every step.</summary>
    Constant,
    /// <summary>ρ_t = ρ (1 − t/T) for t &lt; T, then 0: a linear decay to zero over <see cref="TrainingSpec.SamSteps"/> steps.</summary>
    Decay,
    /// <summary>ρ_t = ρ for t &lt; T, then 0: SAM for <see cref="TrainingSpec.SamSteps"/> steps, then gradient descent.</summary>
    Switch,
}

public static class SamScheduleNames
{
    public const string Help = "constant, decay, switch";

    public static SamSchedule Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "constant" => SamSchedule.Constant,
        "decay" => SamSchedule.Decay,
        "switch" => SamSchedule.Switch,
        _ => throw new ArgumentException($"Unknown SAM radius schedule '{text}'; expected one of {Help}."),
    };

    public static string Name(this SamSchedule schedule) => schedule switch
    {
        SamSchedule.Constant => "constant",
        SamSchedule.Decay => "decay",
        SamSchedule.Switch => "switch",
        _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule, null),
    };

    /// <summary>The radius ρ_t before step t + 1 (t steps taken).</summary>
    public static double Radius(this SamSchedule schedule, double radius, int steps, int t) => schedule switch
    {
        SamSchedule.Constant => radius,
        SamSchedule.Decay => t < steps ? radius * (1 - (double)t / steps) : 0,
        SamSchedule.Switch => t < steps ? radius : 0,
        _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule, null),
    };
}
