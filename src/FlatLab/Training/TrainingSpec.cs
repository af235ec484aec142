using System.Globalization;
using System.Text.Json;

namespace FlatLab.Training;

/// <summary>
/// How to train a two-layer network to interpolation (defaults documented in docs/optimizers.md).
/// Initialisation: w_j ~ N(0, I_d / d) and a_j ~ N(0, 1 / m) (standard) or N(0, 1 / m²) (mean-field),
/// both times <see cref="InitScale"/>.
/// </summary>
public sealed record TrainingSpec
{
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.GradientDescent;
    /// <summary>The step size; ignored when <see cref="EdgeOfStability"/> is set.</summary>
    public double LearningRate { get; init; } = 0.05;
    /// <summary>When set, the step size is this fraction of 2/λ_max(∇²L) at initialisation
    /// (values near 1 train at the edge of stability).</summary>
    public double? EdgeOfStability { get; init; }
    /// <summary>Mini-batch size for SGD.</summary>
    public int BatchSize { get; init; } = 32;
    /// <summary>The SAM / ASAM ascent radius ρ_SAM (at the start, for a schedule).</summary>
    public double SamRadius { get; init; } = 0.05;
    /// <summary>How the radius changes along training.</summary>
    public SamSchedule SamSchedule { get; init; } = SamSchedule.Constant;
    /// <summary>T of <see cref="SamSchedule"/>: the radius is 0 from step T on (decay, switch).</summary>
    public int SamSteps { get; init; } = 1000;
    /// <summary>ASAM's η in T = |θ| + η.</summary>
    public double AsamEta { get; init; } = 0.01;
    /// <summary>Coefficient of the decoupled weight decay θ ← θ − lr · wd · θ.</summary>
    public double WeightDecay { get; init; }
    /// <summary>The scale s of the initialisation: small s starts near 0, where training must learn features.</summary>
    public double InitScale { get; init; } = 1.0;
    /// <summary>Standard or mean-field (μP-style) scaling of the output layer and its step with m.</summary>
    public Parameterization Parameterization { get; init; } = Parameterization.Standard;
    /// <summary>Stop when the full training loss falls below this (interpolation).</summary>
    public double LossTolerance { get; init; } = 1e-6;
    public int MaxSteps { get; init; } = 20_000;
    /// <summary>Record the state every this many steps (0: only at the end).</summary>
    public int RecordEvery { get; init; }

    public TrainingSpec Validate()
    {
        Check(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), LearningRate, "must be finite and > 0");
        if (EdgeOfStability is { } f) Check(f > 0 && f < 10, nameof(EdgeOfStability), f, "must lie in (0, 10)");
        Check(BatchSize >= 1, nameof(BatchSize), BatchSize, "must be >= 1");
        Check(SamRadius >= 0 && double.IsFinite(SamRadius), nameof(SamRadius), SamRadius, "must be finite and >= 0");
        Check(SamSteps >= 1, nameof(SamSteps), SamSteps, "must be >= 1");
        if (!Enum.IsDefined(SamSchedule)) throw new ArgumentException($"Training sam_schedule = {(int)SamSchedule}: not a schedule.", nameof(SamSchedule));
        if (!Enum.IsDefined(Parameterization))
            throw new ArgumentException($"Training parameterization = {(int)Parameterization}: not a parameterization.", nameof(Parameterization));
        Check(AsamEta >= 0 && double.IsFinite(AsamEta), nameof(AsamEta), AsamEta, "must be finite and >= 0");
        Check(WeightDecay >= 0 && double.IsFinite(WeightDecay), nameof(WeightDecay), WeightDecay, "must be finite and >= 0");
        Check(InitScale > 0 && double.IsFinite(InitScale), nameof(InitScale), InitScale, "must be finite and > 0");
        Check(LossTolerance > 0, nameof(LossTolerance), LossTolerance, "must be > 0");
        Check(MaxSteps >= 1, nameof(MaxSteps), MaxSteps, "must be >= 1");
        Check(RecordEvery >= 0, nameof(RecordEvery), RecordEvery, "must be >= 0");
        return this;
    }

    /// <param name="property">The property's name, the exception's parameter name; the message spells it as spec files do.</param>
    private static void Check(bool ok, string property, double value, string why)
    {
        if (!ok)
            throw new ArgumentException(
                $"Training {JsonNamingPolicy.SnakeCaseLower.ConvertName(property)} = {value.ToString("R", CultureInfo.InvariantCulture)}: {why}.", property);
    }
}
