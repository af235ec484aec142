namespace FlatLab.Reporting.Figures;

/// <summary>
/// The figures' font: DejaVu Sans (Debian's fonts-dejavu-core, installed by scripts/setup.sh) when the
/// system has it, for the same look on every machine and glyphs for ρ, ×, ⁻ and superscript digits;
/// otherwise whatever sans-serif font ScottPlot finds.
/// </summary>
internal static class FigureFonts
{
    private static readonly Lazy<string> Resolved = new(() =>
        ScottPlot.Fonts.GetTypeface(Preferred, false, false) is { FamilyName: Preferred } ? Preferred : ScottPlot.Fonts.Sans);

    private const string Preferred = "DejaVu Sans";

    public static string Family => Resolved.Value;
}
