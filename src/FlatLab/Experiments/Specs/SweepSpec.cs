using System.Globalization;

namespace FlatLab.Experiments.Specs;

/// <summary>A whole sweep: panels × ρ grid × seeds, with solver and population-loss settings.</summary>
public sealed record SweepSpec
{
    public string Name { get; init; } = "sweep";
    /// <summary>The sweep seed; every case derives its own from it and its key.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>Independent repetitions (fresh data and weights) per panel and ρ.</summary>
    public int Seeds { get; init; } = 1;
    public RhoGridSpec Rho { get; init; } = new();
    public SolverSpec Solver { get; init; } = new();
    public PopulationSpec Population { get; init; } = new();
    /// <summary>The bootstrap's settings for the report's statistics (docs/statistics.md); they change no case.</summary>
    public StatisticsSpec Statistics { get; init; } = new();
    public PanelSpec[] Panels { get; init; } = [];
    /// <summary>Scaling studies: each adds one panel per dimension (docs/theory.md §7).</summary>
    public ScalingSpec[] Scaling { get; init; } = [];
    /// <summary>Optimizer runs: one case per panel and seed each (docs/optimizers.md).</summary>
    public TrainingRunSpec[] Optimizers { get; init; } = [];
    /// <summary>Searches for the flattest interpolator over (a, W): one case per panel and seed each.</summary>
    public SearchRunSpec[] Searches { get; init; } = [];

    /// <summary>The written panels (one per grid cell for a panel with a grid), then those of the scaling studies.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<PanelSpec> AllPanels =>
        Panels.SelectMany((p, i) => PanelGrid.Expand(p, $"panels[{i}]")).Concat(Scaling.SelectMany(s => s.ToPanels())).ToArray();

    /// <summary>Throws <see cref="SpecException"/> for the first invalid field.</summary>
    public SweepSpec Validate()
    {
        if (string.IsNullOrWhiteSpace(Name)) throw new SpecException("name", Name, "must be non-empty");
        // The name titles the report and the summaries: no control characters (escape sequences) in it.
        if (Name.Any(char.IsControl)) throw new SpecException("name", Name, "must not contain control characters");
        if (Seeds < 1 || Seeds > 10_000) throw new SpecException("seeds", Seeds.ToString(CultureInfo.InvariantCulture), "must lie in [1, 10000]");
        if (Panels.Length == 0 && Scaling.Length == 0) throw new SpecException("panels", "[]", "a sweep needs at least one panel or scaling study");
        Rho.Validate("rho");
        Solver.Validate("solver");
        Population.Validate("population");
        Statistics.Validate("statistics");
        for (var i = 0; i < Panels.Length; i++)
        {
            // A panel with a grid is run only as its cells: each is checked, the written values they replace are not.
            if (Panels[i].Grid is null) Panels[i].Validate($"panels[{i}]");
            else
            {
                SpecNames.Check($"panels[{i}].name", Panels[i].Name);
                foreach (var cell in PanelGrid.Expand(Panels[i], $"panels[{i}]")) cell.Validate($"panels[{i}] cell {cell.Name}");
            }
        }
        for (var i = 0; i < Scaling.Length; i++) Scaling[i].Validate($"scaling[{i}]");
        var all = AllPanels;
        var duplicate = all.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new SpecException("panels[].name", duplicate.Key, "panel names must be unique");
        // Figure files are named after panels with other characters replaced: those names must stay apart too.
        var sameFile = all.GroupBy(p => Runs.RunFolder.PanelFigureStem(p.Name)).FirstOrDefault(g => g.Count() > 1);
        if (sameFile is not null)
            throw new SpecException("panels[].name", string.Join(" and ", sameFile.Select(p => p.Name)),
                $"these panels would share the figure file {sameFile.Key}.png; rename one");
        // Names are case keys and the references of "from": unique before anything is looked up by them.
        var variants = Optimizers.Select(o => o.Name).Concat(Searches.Select(s => s.Name)).GroupBy(n => n).FirstOrDefault(g => g.Count() > 1);
        if (variants is not null) throw new SpecException("optimizers[].name / searches[].name", variants.Key, "names must be unique");
        // Optimizer runs and searches may name a panel with a grid: they run on each of its cells.
        var panelNames = all.Select(p => p.Name).Concat(all.Select(p => p.BaseName)).Distinct().ToArray();
        for (var i = 0; i < Optimizers.Length; i++) Optimizers[i].Validate($"optimizers[{i}]", all);
        var runs = Optimizers.ToDictionary(o => o.Name);
        for (var i = 0; i < Searches.Length; i++)
        {
            var search = Searches[i];
            search.Validate($"searches[{i}]", panelNames, runs.Keys);
            if (search.Start != SearchStart.Trained) continue;
            // A search from a trained network replays that run on each of its panels.
            var outside = all.FirstOrDefault(p => search.RunsOn(p) && !runs[search.From!].RunsOn(p));
            if (outside is not null)
                throw new SpecException($"searches[{i}].panels", outside.Name, $"the optimizer run '{search.From}' does not run on this panel");
        }
        return this;
    }
}
