using System.Globalization;

namespace FlatLab.Experiments.Analysis;

/// <summary>
/// Tuning of the seed-cluster bootstrap (docs/statistics.md): how many resamples, the interval level,
/// the seed of the resampling stream and where the restricted ρ range starts.
/// </summary>
public sealed record StatisticsSettings
{
    /// <summary>Bootstrap resamples B per panel.</summary>
    public int Resamples { get; init; } = 2000;

    /// <summary>Two-sided coverage of the percentile intervals, in (0, 1).</summary>
    public double Level { get; init; } = 0.95;

    /// <summary>The seed of the resampling; each panel forks its own stream from it and its name.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The restricted range keeps rows with ρ ≥ this value (the range the paper's claims are about).</summary>
    public double RestrictedRhoMin { get; init; } = 0.2;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public StatisticsSettings Validate()
    {
        if (Resamples < 100 || Resamples > 1_000_000)
            throw new ArgumentException($"Resamples = {Resamples.ToString(CultureInfo.InvariantCulture)}: must lie in [100, 1000000].", nameof(Resamples));
        if (!(Level > 0 && Level < 1))
            throw new ArgumentException($"Level = {Level.ToString("R", CultureInfo.InvariantCulture)}: must lie strictly between 0 and 1.", nameof(Level));
        if (!double.IsFinite(RestrictedRhoMin) || RestrictedRhoMin < 0 || RestrictedRhoMin >= 1)
            throw new ArgumentException($"RestrictedRhoMin = {RestrictedRhoMin.ToString("R", CultureInfo.InvariantCulture)}: must lie in [0, 1).", nameof(RestrictedRhoMin));
        return this;
    }

    /// <summary>The label of the restricted range in tables, e.g. "rho>=0.2".</summary>
    public string RestrictedRange => "rho>=" + RestrictedRhoMin.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The label of the full range.</summary>
    public const string FullRange = "all";
}
