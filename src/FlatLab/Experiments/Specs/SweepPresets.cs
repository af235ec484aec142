namespace FlatLab.Experiments.Specs;

/// <summary>
/// The built-in sweeps: <c>paper</c> (all nine panels), <c>fig2</c>, <c>fig3</c>, <c>fig4</c> (the
/// paper preset's panels of one figure), <c>atlas</c> (each claim's panel over the regimes that can change its
/// verdict, docs/reproduction), <c>smoke</c> (tiny) and <c>optimizers</c> (GD, SGD, SAM and
/// the flattest-interpolator search against the ρ sweep), <c>theory</c> (scaling laws) and <c>theory-beyond</c> (biases,
/// hypercube features and XOR labels) and <c>flattest</c> (Theorem 3 against converged searches). The specs are the commented JSON
/// files in Experiments/Presets, embedded in the library.
/// </summary>
public static class SweepPresets
{
    public static readonly IReadOnlyList<string> Names = ["paper", "fig2", "fig3", "fig4", "atlas", "smoke", "optimizers", "theory", "theory-beyond", "flattest"];

    /// <summary>The presets stored as files of their own (the figure presets are cut from <c>paper</c>).</summary>
    private static readonly string[] Files = ["paper", "atlas", "smoke", "optimizers", "theory", "theory-beyond", "flattest"];

    public static SweepSpec Get(string name) => name switch
    {
        _ when Files.Contains(name) => SweepSpecJson.Parse(Text(name)),
        "fig2" or "fig3" or "fig4" => OneFigure(name),
        _ => throw new ArgumentException($"Unknown preset '{name}'; expected one of {string.Join(", ", Names)}."),
    };

    /// <summary>The commented spec text of a preset, for users to copy and edit.</summary>
    public static string Text(string name)
    {
        var file = Files.Contains(name) ? name : "paper";
        using var stream = typeof(SweepPresets).Assembly.GetManifestResourceStream($"FlatLab.Presets.{file}.jsonc")
            ?? throw new ArgumentException($"Unknown preset '{name}'; expected one of {string.Join(", ", Names)}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static SweepSpec OneFigure(string name)
    {
        var paper = SweepSpecJson.Parse(Text("paper"));
        var figure = name["fig".Length..];
        return (paper with { Name = name, Panels = paper.Panels.Where(p => p.Figure == figure).ToArray() }).Validate();
    }
}
