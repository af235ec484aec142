using System.Globalization;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Specs;
using FlatLab.LinearAlgebra;
using FlatLab.Randomness;

namespace FlatLab.Experiments.Running;

/// <summary>
/// One case of a sweep: a panel and a repetition, and the work of its kind, which it carries with its
/// own spec (<see cref="RhoCase"/>, <see cref="TrainingCase"/>, <see cref="SearchCase"/>); its seeds
/// are derived from its key. A new kind of study is a new subtype.
/// </summary>
public abstract record SweepCase
{
    /// <summary>Position in the sweep's canonical order (panels, then seeds, then ρ, runs, searches).</summary>
    public required int Index { get; init; }
    public required PanelSpec Panel { get; init; }
    public required int Repetition { get; init; }
    public required ulong SweepSeed { get; init; }
    /// <summary>The solver of every flattest interpolator the case computes.</summary>
    public required SolverSpec Solver { get; init; }
    /// <summary>How the case's population losses are computed.</summary>
    public required PopulationSpec Population { get; init; }
    /// <summary>The correlation ρ of the inner weights with span(U); NaN when the case sets none.</summary>
    public double Rho { get; init; } = double.NaN;

    public abstract CaseKind Kind { get; }

    /// <summary>The optimizer run's or search's name; empty for ρ cases.</summary>
    public virtual string Variant => "";

    /// <summary>The last part of the key, unique within a panel and repetition.</summary>
    protected abstract string KeyLeaf { get; }

    /// <summary>A stable, unique key, e.g. <c>fig2-relu/s00/rho03</c> or <c>fig2-relu/s00/train-gd</c>.</summary>
    public string Key => $"{Panel.Name}/s{Repetition:00}/{KeyLeaf}";

    /// <summary>The seed of the data (U and the sample S), shared by every case of a panel and repetition,
    /// so that ρ values, optimizers and searches are compared on the same data, as in the paper.</summary>
    public ulong DataSeed => RandomSource.DeriveSeed(SweepSeed, $"{Panel.Name}/s{Repetition:00}/data");

    /// <summary>The seed of this case's inner weights, initialisation and Monte Carlo samples.</summary>
    public ulong CaseSeed => RandomSource.DeriveSeed(SweepSeed, Key);

    /// <summary>Computes the case's columns into <paramref name="row"/>, which holds its parameters.</summary>
    internal abstract CaseResult Compute(IDenseKernels kernels, CaseResult row);

    public override string ToString() =>
        double.IsNaN(Rho) ? Key : $"{Key} (rho = {Rho.ToString("G4", CultureInfo.InvariantCulture)})";

    /// <summary>All cases of a (validated) spec in canonical order.</summary>
    public static IReadOnlyList<SweepCase> Expand(SweepSpec spec)
    {
        var rhos = spec.Rho.Expand();
        // "from" names a run; the spec's validation made the names unique and the reference good.
        var runs = spec.Optimizers.ToDictionary(o => o.Name);
        var cases = new List<SweepCase>();
        foreach (var panel in spec.AllPanels)
            for (var s = 0; s < spec.Seeds; s++)
            {
                for (var r = 0; r < rhos.Length; r++)
                    cases.Add(new RhoCase
                    {
                        RhoIndex = r, Rho = rhos[r],
                        Index = cases.Count, Panel = panel, Repetition = s, SweepSeed = spec.Seed, Solver = spec.Solver, Population = spec.Population,
                    });
                foreach (var run in spec.Optimizers.Where(o => o.RunsOn(panel)))
                    cases.Add(new TrainingCase
                    {
                        Run = run,
                        Index = cases.Count, Panel = panel, Repetition = s, SweepSeed = spec.Seed, Solver = spec.Solver, Population = spec.Population,
                    });
                foreach (var search in spec.Searches.Where(o => o.RunsOn(panel)))
                    cases.Add(new SearchCase
                    {
                        Search = search,
                        StartRun = search.Start == SearchStart.Trained ? runs[search.From!] : null,
                        Rho = search.Start == SearchStart.Rho ? search.Rho : double.NaN,
                        Index = cases.Count, Panel = panel, Repetition = s, SweepSeed = spec.Seed, Solver = spec.Solver, Population = spec.Population,
                    });
            }
        return cases;
    }
}
