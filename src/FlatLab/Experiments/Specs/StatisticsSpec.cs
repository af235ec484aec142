using FlatLab.Experiments.Analysis;

namespace FlatLab.Experiments.Specs;

/// <summary>
/// A sweep's bootstrap settings (docs/statistics.md): resamples, interval level, the bootstrap's seed (by default
/// the sweep seed) and where the restricted ρ range starts. They change no case, only the statistics of the report.
/// </summary>
public sealed record StatisticsSpec
{
    public int Resamples { get; init; } = new StatisticsSettings().Resamples;
    public double Level { get; init; } = new StatisticsSettings().Level;
    /// <summary>The seed of the resampling; null for the sweep seed.</summary>
    public ulong? Seed { get; init; }
    public double RestrictedRhoMin { get; init; } = new StatisticsSettings().RestrictedRhoMin;

    public StatisticsSettings ToSettings(ulong sweepSeed) => new()
    {
        Resamples = Resamples, Level = Level, Seed = Seed ?? sweepSeed, RestrictedRhoMin = RestrictedRhoMin,
    };

    public void Validate(string field)
    {
        try
        {
            ToSettings(0).Validate();
        }
        catch (ArgumentException e)
        {
            throw SpecException.FromSettings(field, this, e);
        }
    }
}
