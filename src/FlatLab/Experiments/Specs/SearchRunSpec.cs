using System.Globalization;
using FlatLab.Search;

namespace FlatLab.Experiments.Specs;

/// <summary>
/// A search for the flattest interpolator over (a, W) (docs/optimizers.md): from random directions,
/// from directions at correlation <see cref="Rho"/>, from the directions a training run learned, or from
/// the Theorem 4 reference network with its directions perturbed. One case per panel and seed; a spec
/// lists several to multi-start. The search stops by its convergence test; <see cref="MaxIterations"/> is
/// a safety net.
/// </summary>
public sealed record SearchRunSpec
{
    private static readonly FlattestSearchSpec Defaults = new();

    public string Name { get; init; } = "";
    /// <summary>The search in words for figure legends; empty for the description <see cref="Label"/> builds from the fields.</summary>
    public string Title { get; init; } = "";
    /// <summary>random, rho, trained or reference.</summary>
    public SearchStart Start { get; init; } = SearchStart.Random;
    /// <summary>The correlation of the start when <see cref="Start"/> is rho.</summary>
    public double Rho { get; init; } = 0.1;
    /// <summary>The optimizer run (its name in "optimizers") whose network starts the search when
    /// <see cref="Start"/> is trained.</summary>
    public string? From { get; init; }
    /// <summary>The size of the perturbation of the reference's directions when <see cref="Start"/> is reference:
    /// each unit row gets Gaussian noise of this standard deviation per coordinate over √d, then is normalised.</summary>
    public double Perturbation { get; init; } = 0.1;
    /// <summary>The iteration cap, a safety net; a search that hits it says so (search_status "cap").</summary>
    public int MaxIterations { get; init; } = Defaults.MaxIterations;
    public double InitialAngle { get; init; } = Defaults.InitialAngle;
    /// <summary>Converged when the projected envelope gradient has fallen to this fraction of the start's.</summary>
    public double StationarityTolerance { get; init; } = Defaults.StationarityTolerance;
    /// <summary>Converged when F_min decreased by at most this fraction over the last <see cref="Window"/> steps.</summary>
    public double RelativeTolerance { get; init; } = Defaults.RelativeTolerance;
    public int Window { get; init; } = Defaults.Window;
    public string[]? Panels { get; init; }

    /// <summary>The library search this spec describes, with the sweep's solver (the one place the two meet).</summary>
    public FlattestSearchSpec ToSearchSpec(SolverSpec solver) => new()
    {
        MaxIterations = MaxIterations,
        InitialAngle = InitialAngle,
        StationarityTolerance = StationarityTolerance,
        RelativeTolerance = RelativeTolerance,
        Window = Window,
        Weighting = solver.Weights,
        Solver = solver.Settings(),
    };

    /// <summary>The legend text: <see cref="Title"/>, or where the search starts, in words.</summary>
    /// <param name="runs">The sweep's optimizer runs, for a search that starts from one of them.</param>
    public string Label(IReadOnlyList<TrainingRunSpec> runs)
    {
        if (Title.Length > 0) return Title;
        return Start switch
        {
            SearchStart.Rho => $"search from directions at ρ = {Rho.ToString("G4", CultureInfo.InvariantCulture)}",
            SearchStart.Trained => $"search from the directions of {runs.FirstOrDefault(r => r.Name == From)?.Label() ?? "a trained network"}",
            SearchStart.Reference => $"search from the reference, perturbed by {Perturbation.ToString("G4", CultureInfo.InvariantCulture)}",
            _ => "search from random directions",
        };
    }

    /// <summary>Whether this search has a case on <paramref name="panel"/>.</summary>
    public bool RunsOn(PanelSpec panel) => Panels is null || Panels.Contains(panel.Name) || Panels.Contains(panel.BaseName);

    public void Validate(string field, IReadOnlyCollection<string> panelNames, IReadOnlyCollection<string> optimizerNames)
    {
        SpecNames.Check($"{field}.name", Name);
        if (Start == SearchStart.Rho && !(Rho >= 0 && Rho <= 1))
            throw new SpecException($"{field}.rho", Rho.ToString("R", CultureInfo.InvariantCulture), "a correlation must lie in [0, 1]");
        if (Start == SearchStart.Trained && (From is null || !optimizerNames.Contains(From)))
            throw new SpecException($"{field}.from", From, $"must name one of the optimizer runs ({string.Join(", ", optimizerNames)})");
        if (Start == SearchStart.Reference && !(Perturbation >= 0 && Perturbation <= 10))
            throw new SpecException($"{field}.perturbation", Perturbation.ToString("R", CultureInfo.InvariantCulture), "must lie in [0, 10]");
        if (MaxIterations < 1 || MaxIterations > 100_000)
            throw new SpecException($"{field}.max_iterations", MaxIterations.ToString(CultureInfo.InvariantCulture), "must lie in [1, 100000]");
        if (Window < 1 || Window > 1000)
            throw new SpecException($"{field}.window", Window.ToString(CultureInfo.InvariantCulture), "must lie in [1, 1000]");
        if (!(InitialAngle > 0 && InitialAngle < 1))
            throw new SpecException($"{field}.initial_angle", InitialAngle.ToString("R", CultureInfo.InvariantCulture), "must lie in (0, 1) radians");
        foreach (var (name, value) in new[] { ("stationarity_tolerance", StationarityTolerance), ("relative_tolerance", RelativeTolerance) })
            if (!(value > 0 && value < 1))
                throw new SpecException($"{field}.{name}", value.ToString("R", CultureInfo.InvariantCulture), "must lie in (0, 1)");
        SpecNames.CheckPanels($"{field}.panels", Panels, panelNames);
    }
}
