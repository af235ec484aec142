using System.Globalization;
using FlatLab.Experiments.Specs;
using FlatLab.Randomness;

namespace FlatLab.Experiments.Running;

/// <summary>
/// One case of a sweep: a panel and a repetition, and either a ρ (the paper's experiment), an
/// optimizer run or a flattest-interpolator search; its seeds are derived from its key.
/// </summary>
/// <param name="Index">Position in the sweep's canonical order (panels, then seeds, then ρ, runs, searches).</param>
/// <param name="Variant">The optimizer or search name; empty for ρ cases.</param>
public sealed record SweepCase(int Index, PanelSpec Panel, CaseKind Kind, int RhoIndex, double Rho, string Variant,
    int Repetition, ulong SweepSeed)
{
    /// <summary>A stable, unique key, e.g. <c>fig2-relu/s00/rho03</c> or <c>fig2-relu/s00/train-gd</c>.</summary>
    public string Key => Kind switch
    {
        CaseKind.Rho => $"{Panel.Name}/s{Repetition:00}/rho{RhoIndex:00}",
        CaseKind.Train => $"{Panel.Name}/s{Repetition:00}/train-{Variant}",
        _ => $"{Panel.Name}/s{Repetition:00}/search-{Variant}",
    };

    /// <summary>The seed of the data (U and the sample S), shared by every case of a panel and repetition,
    /// so that ρ values, optimizers and searches are compared on the same data, as in the paper.</summary>
    public ulong DataSeed => RandomSource.DeriveSeed(SweepSeed, $"{Panel.Name}/s{Repetition:00}/data");

    /// <summary>The seed of this case's inner weights, initialisation and Monte Carlo samples.</summary>
    public ulong CaseSeed => RandomSource.DeriveSeed(SweepSeed, Key);

    /// <summary>The seed a training run named <paramref name="optimizer"/> of this panel and repetition uses,
    /// so that a search can start from exactly the network that run learned.</summary>
    public ulong TrainingSeed(string optimizer) =>
        RandomSource.DeriveSeed(SweepSeed, $"{Panel.Name}/s{Repetition:00}/train-{optimizer}");

    public override string ToString() =>
        Kind == CaseKind.Rho ? $"{Key} (rho = {Rho.ToString("G4", CultureInfo.InvariantCulture)})" : Key;

    /// <summary>All cases of a spec in canonical order.</summary>
    public static IReadOnlyList<SweepCase> Expand(SweepSpec spec)
    {
        var rhos = spec.Rho.Expand();
        var cases = new List<SweepCase>();
        foreach (var panel in spec.AllPanels)
            for (var s = 0; s < spec.Seeds; s++)
            {
                for (var r = 0; r < rhos.Length; r++)
                    cases.Add(new SweepCase(cases.Count, panel, CaseKind.Rho, r, rhos[r], "", s, spec.Seed));
                foreach (var run in spec.Optimizers.Where(o => o.Panels is null || o.Panels.Contains(panel.Name)))
                    cases.Add(new SweepCase(cases.Count, panel, CaseKind.Train, 0, double.NaN, run.Name, s, spec.Seed));
                foreach (var search in spec.Searches.Where(o => o.Panels is null || o.Panels.Contains(panel.Name)))
                    cases.Add(new SweepCase(cases.Count, panel, CaseKind.Search, 0, search.Start == "rho" ? search.Rho : double.NaN,
                        search.Name, s, spec.Seed));
            }
        return cases;
    }
}
