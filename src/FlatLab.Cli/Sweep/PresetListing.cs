using System.Globalization;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Specs;

namespace FlatLab.Cli.Sweep;

/// <summary>What <c>flatlab presets</c> prints: one line per preset, or a preset's commented spec.</summary>
internal static class PresetListing
{
    public static void List(TextWriter output)
    {
        var width = SweepPresets.Names.Max(n => n.Length);
        foreach (var name in SweepPresets.Names)
        {
            var spec = SweepPresets.Get(name);
            var cases = SweepCase.Expand(spec).Count;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name.PadRight(width)}  {spec.AllPanels.Count,2} panels  {cases,5} cases  {Description(name, spec)}"));
        }
        output.WriteLine("Print one with: flatlab presets NAME > my-sweep.jsonc; run it with: flatlab sweep --preset NAME --out DIR");
    }

    /// <summary>
    /// The preset's commented spec text. A preset made from a part of another file (fig2 is the
    /// paper file's Figure 2 panels) is printed as its own spec, pointing at the file with the comments.
    /// </summary>
    public static string Text(string name)
    {
        var spec = SweepPresets.Get(name);
        var text = SweepPresets.Text(name);
        if (IsOwnText(text, spec)) return text.EndsWith('\n') ? text : text + "\n";
        return $"// Preset {name}: panels {string.Join(", ", spec.Panels.Select(p => p.Name))} of the paper preset;\n" +
               "// `flatlab presets paper` prints the commented original (docs/sweeps.md describes every field).\n" +
               SweepSpecJson.Write(spec) + "\n";
    }

    private static bool IsOwnText(string text, SweepSpec spec)
    {
        try { return SweepSpecJson.Write(SweepSpecJson.Parse(text)) == SweepSpecJson.Write(spec); }
        catch (SpecException) { return false; }
    }

    /// <summary>The text's first comment line, or the panels for a preset taken from another file.</summary>
    private static string Description(string name, SweepSpec spec)
    {
        var text = SweepPresets.Text(name);
        if (!IsOwnText(text, spec)) return $"the paper preset's panels {string.Join(", ", spec.Panels.Select(p => p.Name))}";
        var first = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("//", StringComparison.Ordinal));
        return first is null ? "" : first.TrimStart('/').Trim();
    }
}
