using System.Globalization;
using FlatLab.Experiments.Specs;

namespace FlatLab.Experiments.Running;

/// <summary>
/// An estimate of one ρ case's time on one thread, from its sizes alone (for <c>flatlab sweep --dry-run</c>):
/// t = c₀ + c₁·n·m·d + c₂·n²·m + c₃·m²·d seconds. The terms are the work of a case: the features Φ = σ(XWᵀ)
/// (n·m·d), the interior-point or Newton iterations on ΦΦᵀ (n²·m each, a roughly constant number of them), and the
/// exact population loss's m × m kernel of the inner weights (m²·d). The constants were fitted to measured
/// case times on the project's 2-core benchmark machine (docs/benchmarks.md#case-cost-model); another machine,
/// or a loaded one, scales them all alike. Optimizer runs and searches are counted as ρ cases, which they are not.
/// </summary>
public static class CaseCostModel
{
    public const double Fixed = 2e-3;
    public const double PerFeature = 1.0e-9;
    public const double PerIteration = 1.0e-9;
    public const double PerKernel = 1.0e-9;

    /// <summary>The model, as the dry run prints it.</summary>
    public static string Formula { get; } = string.Create(CultureInfo.InvariantCulture,
        $"t = {Fixed:G2} s + {PerFeature:G2}·n·m·d + {PerIteration:G2}·n²·m + {PerKernel:G2}·m²·d s per case on one thread");

    public static double Seconds(int n, int m, int d) =>
        Fixed + PerFeature * n * (double)m * d + PerIteration * (double)n * n * m + PerKernel * (double)m * m * d;

    public static double Seconds(PanelSpec panel) => Seconds(panel.N, panel.M, panel.D);
}
