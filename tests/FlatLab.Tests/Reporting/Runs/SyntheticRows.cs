using FlatLab.Experiments.Results;
using FlatLab.Experiments.Specs;

namespace FlatLab.Tests.Reporting.Runs;

/// <summary>Hand-made results rows (no solving): panels × seeds × ρ, with chosen F_min and loss.</summary>
public static class SyntheticRows
{
    public static CaseResult Row(int index, string panel, string figure, int seed, double rho, double flatness, double loss,
        CaseStatus status = CaseStatus.Solved, string message = "") => new()
    {
        CaseKey = $"{panel}/s{seed:00}/rho{index % 100:00}",
        CaseIndex = index,
        CaseSeed = 1000UL + (ulong)index,
        DataSeed = 42,
        Repetition = seed,
        Panel = panel,
        Figure = figure,
        Link = "single-index",
        Activation = "relu",
        LinkActivation = "relu",
        InsideAssumption1 = true,
        K = 1,
        P = 1,
        D = 10,
        N = 20,
        M = 40,
        R = 1,
        NoiseStd = 0.1,
        Rho = rho,
        Weights = "exact",
        Status = status,
        Message = message,
        FlatnessMin = flatness,
        PopulationLoss = loss,
        PopulationLossMethod = double.IsNaN(loss) ? "" : "exact",
        CaseSeconds = 0.01 * (index + 1),
        SolveSeconds = 0.005 * (index + 1),
    };

    /// <summary>The spec of <see cref="Sweep"/>'s panels, with their titles.</summary>
    public static SweepSpec Spec() => new()
    {
        Name = "synthetic",
        Panels =
        [
            new PanelSpec { Name = "pa", Figure = "2", Title = "Alpha panel", D = 10, N = 20, M = 40 },
            new PanelSpec { Name = "pb", Figure = "2", Title = "Beta panel", D = 10, N = 20, M = 40 },
            new PanelSpec { Name = "pc", Figure = "4", Title = "Gamma panel", D = 10, N = 20, M = 40 },
        ],
    };

    /// <summary>Two figures ("2": panels a and b, "4": panel c), 2 seeds × 4 ρ, loss rising with F_min, one failure in b.</summary>
    public static List<CaseResult> Sweep()
    {
        var rows = new List<CaseResult>();
        double[] rhos = [0.05, 0.1, 0.3, 0.9];
        foreach (var (panel, figure) in new[] { ("pa", "2"), ("pb", "2"), ("pc", "4") })
            for (var s = 0; s < 2; s++)
                for (var r = 0; r < rhos.Length; r++)
                {
                    var i = rows.Count;
                    var flatness = 100 * Math.Pow(2, 3 - r) * (1 + 0.1 * s);
                    var loss = 0.01 * Math.Pow(3, 3 - r) * (1 + 0.05 * s);
                    rows.Add(panel == "pb" && s == 1 && r == 3
                        ? Row(i, panel, figure, s, rhos[r], double.NaN, double.NaN, CaseStatus.Infeasible, "Φa = y has no solution, | \"quoted\", comma")
                        : Row(i, panel, figure, s, rhos[r], flatness, loss));
                }
        return rows;
    }
}
