using FlatLab.Population;
using FlatLab.Solvers;

namespace FlatLab.Training;

/// <summary>Tuning of <see cref="TrainingDiagnostics.Measure"/>; the defaults suit every documented use.</summary>
public sealed record TrainingDiagnosticsSettings
{
    /// <summary>The network counts as an interpolator when its training loss is below this
    /// (the default matches <see cref="TrainingSpec.LossTolerance"/>).</summary>
    public double InterpolationTolerance { get; init; } = 1e-6;

    /// <summary>The solver of the flattest interpolator for the learned directions (docs/model.md §5, exact weights).</summary>
    public SolverSettings Solver { get; init; } = new();

    /// <summary>Whether to compute the population losses (the only part that needs the data model's closed forms).</summary>
    public bool PopulationLoss { get; init; } = true;

    /// <summary>Monte Carlo sample size where the population loss has no closed form.</summary>
    public int FallbackSamples { get; init; } = Population.PopulationLoss.DefaultFallbackSamples;

    public TrainingDiagnosticsSettings Validate()
    {
        if (!(InterpolationTolerance > 0) || !double.IsFinite(InterpolationTolerance))
            throw new ArgumentException($"Diagnostics interpolation_tolerance must be finite and > 0, got {InterpolationTolerance}.");
        if (FallbackSamples < 2) throw new ArgumentException($"Diagnostics fallback_samples must be >= 2, got {FallbackSamples}.");
        ArgumentNullException.ThrowIfNull(Solver);
        Solver.Validate();
        return this;
    }
}
