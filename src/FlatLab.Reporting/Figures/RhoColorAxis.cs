namespace FlatLab.Reporting.Figures;

/// <summary>The axis a ρ colour scale is linear in (see <see cref="RhoColorScale"/>).</summary>
internal enum RhoColorAxis
{
    Linear = 0,
    LogRho = 1,
    LogOneMinusRho = 2,
}
