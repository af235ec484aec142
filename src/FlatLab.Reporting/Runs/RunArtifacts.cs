using FlatLab.Experiments.Analysis;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Specs;
using FlatLab.Reporting.Figures;

namespace FlatLab.Reporting.Runs;

/// <summary>
/// Everything a report of a run needs, whether the run just finished or was read back from its folder
/// (<see cref="RunReader"/>): the spec, the rows with their trajectories, the manifest, and what follows
/// from them: panel titles, per-panel statistics, scaling fits, and the figures, rendered once on first
/// use and then shared by every exporter that writes or embeds them.
/// </summary>
public sealed class RunArtifacts
{
    private readonly Lazy<IReadOnlyList<RenderedFigure>> _figures;
    private readonly Lazy<IReadOnlyList<PanelStatistics>> _bootstrap;
    private readonly Lazy<IReadOnlyList<PanelStatistics>> _searchClaims;
    private readonly Lazy<IReadOnlyList<PanelStatistics>> _searches;

    private RunArtifacts(SweepSpec? spec, IReadOnlyList<CaseResult> rows, RunManifest? manifest, StatisticsSettings statistics)
    {
        Spec = spec;
        Rows = rows;
        Manifest = manifest;
        Titles = spec is null
            ? new Dictionary<string, string>()
            : spec.AllPanels.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First().Title);
        Statistics = SweepAnalysis.Summarize(rows);
        StatisticsSettings = statistics;
        Scaling = spec is { Scaling.Length: > 0 } ? ScalingAnalysis.Fit(spec, rows, statistics) : [];
        _figures = new Lazy<IReadOnlyList<RenderedFigure>>(() => FigureSet.Render(Rows, Titles, Scaling, Spec));
        _bootstrap = new Lazy<IReadOnlyList<PanelStatistics>>(() =>
            [.. SeedClusterBootstrap.AnalyzeSweep(Rows, StatisticsSettings), .. OptimizerStatistics.AnalyzeSweep(Rows, Spec, StatisticsSettings)]);
        _searchClaims = new Lazy<IReadOnlyList<PanelStatistics>>(() => SearchClaimAnalysis.Analyze(Rows, StatisticsSettings));
        _searches = new Lazy<IReadOnlyList<PanelStatistics>>(() => SearchBootstrap.AnalyzeSweep(Rows, StatisticsSettings));
    }

    /// <param name="spec">The run's spec; null when only a results table is at hand (no titles, no scaling fits).</param>
    /// <param name="rows">One row per case; kept in case order.</param>
    /// <param name="manifest">How the run was produced; null when unknown.</param>
    /// <param name="statistics">The bootstrap's settings (docs/statistics.md); by default the spec's (its
    /// <c>statistics</c>, the bootstrap seed defaulting to the sweep seed), so a report redrawn from the run
    /// folder gives the same intervals.</param>
    public static RunArtifacts Create(SweepSpec? spec, IReadOnlyList<CaseResult> rows, RunManifest? manifest,
        StatisticsSettings? statistics = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var settings = (statistics ?? spec?.Statistics.ToSettings(spec.Seed) ?? new StatisticsSettings()).Validate();
        return new RunArtifacts(spec, rows.OrderBy(r => r.CaseIndex).ToList(), manifest, settings);
    }

    public SweepSpec? Spec { get; }

    /// <summary>The rows in case order, each with its trajectory where it has one.</summary>
    public IReadOnlyList<CaseResult> Rows { get; }

    public RunManifest? Manifest { get; }

    /// <summary>Panel titles by panel name (PanelSpec.Title); empty without a spec.</summary>
    public IReadOnlyDictionary<string, string> Titles { get; }

    /// <summary>The per-panel statistics, counts and failures.</summary>
    public SweepSummary Statistics { get; }

    /// <summary>The fitted laws of the spec's scaling studies; empty without any.</summary>
    public IReadOnlyList<ScalingFit> Scaling { get; }

    /// <summary>The settings of the seed-cluster bootstrap behind <see cref="BootstrapStatistics"/>.</summary>
    public StatisticsSettings StatisticsSettings { get; }

    /// <summary>Per panel: the bootstrap intervals and the verdicts (docs/statistics.md), computed on first use; the ρ
    /// statistics first, then those of the optimizer runs (figure <see cref="OptimizerStatistics.Figure"/>).</summary>
    public IReadOnlyList<PanelStatistics> BootstrapStatistics => _bootstrap.Value;

    /// <summary>Per panel with searches: the claims its flattest converged searches decide (docs/theory.md §9); empty without searches.</summary>
    public IReadOnlyList<PanelStatistics> SearchClaims => _searchClaims.Value;
    /// <summary>Per panel with searches: the flattest converged search against the ρ family, the trivial predictor and the
    /// reference, with bootstrap intervals and verdicts (<see cref="SearchBootstrap"/>); empty without searches.</summary>
    public IReadOnlyList<PanelStatistics> SearchStatistics => _searches.Value;

    /// <summary>Every figure of the run (<see cref="FigureSet.Render"/>), rendered on first use.</summary>
    public IReadOnlyList<RenderedFigure> Figures => _figures.Value;
}
