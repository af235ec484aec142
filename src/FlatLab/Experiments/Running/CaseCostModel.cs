using System.Globalization;
using FlatLab.Experiments.Specs;

namespace FlatLab.Experiments.Running;

/// <summary>
/// An estimate of one ρ case's time on one thread, from its sizes alone (for <c>flatlab sweep --dry-run</c>):
/// t = c₀ + c₁·n·m + c₂·n²·m + c₃·m²·d seconds. The terms are the work of a case: the solver's element-wise
/// passes over the n × m features in each of its iterations (n·m, memory-bound, the largest term at the sizes of
/// the presets), its products ΦDΦᵀ (n²·m), and the exact population loss's m × m kernel of the inner weights
/// (m²·d); building Φ (n·m·d) was too small to fit. The constants were fitted to the processor time of six sweeps
/// of sizes n = 100..800, m = 200..1600, d = 10..120 and scaled to the 0.07 s per case the paper preset took on
/// a quiet machine (docs/benchmarks.md#case-cost-model). Optimizer runs and searches are not modelled (the dry
/// run counts them apart), nor is a Monte Carlo population loss: for such panels the estimate is low.
/// </summary>
public static class CaseCostModel
{
    public const double Fixed = 5e-3;
    public const double PerEntry = 1.9e-7;
    public const double PerProduct = 6e-11;
    public const double PerKernel = 2e-10;

    /// <summary>The model, as the dry run prints it.</summary>
    public static string Formula { get; } = string.Create(CultureInfo.InvariantCulture,
        $"t = {Fixed:G2} + {PerEntry:G2}·n·m + {PerProduct:G2}·n²·m + {PerKernel:G2}·m²·d seconds per case on one thread");

    public static double Seconds(int n, int m, int d) =>
        Fixed + PerEntry * n * (double)m + PerProduct * (double)n * n * m + PerKernel * (double)m * m * d;

    public static double Seconds(PanelSpec panel) => Seconds(panel.N, panel.M, panel.D);
}
