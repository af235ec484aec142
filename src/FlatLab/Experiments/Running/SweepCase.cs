using System.Globalization;
using FlatLab.Experiments.Specs;
using FlatLab.Randomness;

namespace FlatLab.Experiments.Running;

/// <summary>One solve of a sweep: a panel, a ρ and a repetition, with seeds derived from its key.</summary>
/// <param name="Index">Position in the sweep's canonical order (panels, then seeds, then ρ).</param>
public sealed record SweepCase(int Index, PanelSpec Panel, int RhoIndex, double Rho, int Repetition, ulong SweepSeed)
{
    /// <summary>A stable, unique key, e.g. <c>fig2-relu/s00/rho03</c>.</summary>
    public string Key => $"{Panel.Name}/s{Repetition:00}/rho{RhoIndex:00}";

    /// <summary>The seed of the data (U and the sample S), shared by all ρ of a panel and repetition, so
    /// that ρ is compared on the same data as in the paper.</summary>
    public ulong DataSeed => RandomSource.DeriveSeed(SweepSeed, $"{Panel.Name}/s{Repetition:00}/data");

    /// <summary>The seed of this case's inner weights and Monte Carlo samples.</summary>
    public ulong CaseSeed => RandomSource.DeriveSeed(SweepSeed, Key);

    public override string ToString() => $"{Key} (rho = {Rho.ToString("G4", CultureInfo.InvariantCulture)})";

    /// <summary>All cases of a spec in canonical order.</summary>
    public static IReadOnlyList<SweepCase> Expand(SweepSpec spec)
    {
        var rhos = spec.Rho.Expand();
        var cases = new List<SweepCase>();
        foreach (var panel in spec.Panels)
            for (var s = 0; s < spec.Seeds; s++)
                for (var r = 0; r < rhos.Length; r++)
                    cases.Add(new SweepCase(cases.Count, panel, r, rhos[r], s, spec.Seed));
        return cases;
    }
}
