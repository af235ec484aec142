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

    private RunArtifacts(SweepSpec? spec, IReadOnlyList<CaseResult> rows, RunManifest? manifest)
    {
        Spec = spec;
        Rows = rows;
        Manifest = manifest;
        Titles = spec is null
            ? new Dictionary<string, string>()
            : spec.AllPanels.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First().Title);
        Statistics = SweepAnalysis.Summarize(rows);
        Scaling = spec is { Scaling.Length: > 0 } ? ScalingAnalysis.Fit(spec, rows) : [];
        _figures = new Lazy<IReadOnlyList<RenderedFigure>>(() => FigureSet.Render(Rows, Titles, Scaling));
    }

    /// <param name="spec">The run's spec; null when only a results table is at hand (no titles, no scaling fits).</param>
    /// <param name="rows">One row per case; kept in case order.</param>
    /// <param name="manifest">How the run was produced; null when unknown.</param>
    public static RunArtifacts Create(SweepSpec? spec, IReadOnlyList<CaseResult> rows, RunManifest? manifest)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new RunArtifacts(spec, rows.OrderBy(r => r.CaseIndex).ToList(), manifest);
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

    /// <summary>Every figure of the run (<see cref="FigureSet.Render"/>), rendered on first use.</summary>
    public IReadOnlyList<RenderedFigure> Figures => _figures.Value;
}
