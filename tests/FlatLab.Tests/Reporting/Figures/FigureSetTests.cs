using System.Text;
using System.Xml.Linq;
using FlatLab.Experiments.Results;
using FlatLab.Reporting.Figures;
using FlatLab.Tests.Cli;
using FlatLab.Tests.Reporting.Runs;

namespace FlatLab.Tests.Reporting.Figures;

public class FigureSetTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Given_synthetic_rows_When_drawn_Then_each_panel_and_each_figure_has_a_png_an_svg_and_a_pdf()
    {
        using var dir = new TempDirectory();
        var files = Draw(SyntheticRows.Sweep(), dir.Path, new Dictionary<string, string> { ["pa"] = "Panel A title" });
        string[] stems = ["panel-pa", "panel-pb", "panel-pc", "figure-2", "figure-2-seeds", "figure-4", "figure-4-seeds"];
        var expected = stems.SelectMany(s => new[] { dir.File(s + ".png"), dir.File(s + ".svg"), dir.File(s + ".pdf") }).Order().ToArray();
        Assert.Equal(expected, files.Order().ToArray());
        foreach (var png in files.Where(f => f.EndsWith(".png")))
        {
            var bytes = File.ReadAllBytes(png);
            Assert.True(bytes.Length > 5000, $"{png} has only {bytes.Length} bytes");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        }
        foreach (var pdf in files.Where(f => f.EndsWith(".pdf")))
        {
            var bytes = File.ReadAllBytes(pdf);
            var text = Encoding.Latin1.GetString(bytes);
            Assert.StartsWith("%PDF-", text);
            Assert.Contains("/Type /Page", text);
            Assert.EndsWith("%%EOF", text.TrimEnd());
            Assert.True(bytes.Length > 5000, $"{pdf} has only {bytes.Length} bytes");
        }
    }

    [Fact]
    public void Given_synthetic_rows_When_drawn_Then_the_svgs_parse_and_carry_titles_sizes_labels_and_counts()
    {
        using var dir = new TempDirectory();
        Draw(SyntheticRows.Sweep(), dir.Path, new Dictionary<string, string> { ["pa"] = "Panel A title" });

        var panel = XDocument.Load(dir.File("panel-pa.svg"));
        Assert.Equal("Panel A title", panel.Root!.Element(Svg + "title")!.Value);
        var texts = Texts(panel);
        Assert.Contains("Panel A title", texts);
        Assert.Contains("d = 10, n = 20, m = 40", texts);
        Assert.Contains("minimum flatness Fₘᵢₙ", texts);
        Assert.Contains("population loss E(f(x) − y)²", texts);
        Assert.Contains(PanelPlot.ColorBarLabel, texts);
        Assert.Contains("Spearman 1.00 (4 ρ values)", texts); // seed-averaged: one point per ρ
        Assert.Contains("no solution: 0 of 8 failed", texts);
        Assert.DoesNotContain(texts, t => t == "pa"); // no internal identifiers where a title exists

        // pb has one failed case (seed 1 at ρ = 0.9): averaged, its ρ keeps seed 0; per seed, 7 dots.
        Assert.Contains("Spearman 1.00 (4 ρ values)", Texts(XDocument.Load(dir.File("panel-pb.svg"))));
        Assert.Contains("no solution: 1 of 8 failed", Texts(XDocument.Load(dir.File("panel-pb.svg"))));

        foreach (var (stem, spearman) in new[] { ("figure-2", "(4 ρ values)"), ("figure-2-seeds", "(n = 7)") })
        {
            var composite = XDocument.Load(dir.File(stem + ".svg"));
            var compositeTexts = Texts(composite);
            Assert.Contains("(a) Panel A title", compositeTexts);
            Assert.Contains("(b) pb", compositeTexts);
            Assert.DoesNotContain(compositeTexts, t => t.Contains("pc"));
            Assert.Contains(compositeTexts, t => t.EndsWith(spearman));
            Assert.Contains("no solution: 1 of 8 failed", compositeTexts);
            // one colour bar for the figure, its ends labelled with the smallest and largest ρ
            Assert.Single(compositeTexts, PanelPlot.ColorBarLabel);
            Assert.Contains("0.05", compositeTexts);
            Assert.Contains("0.9", compositeTexts);
            Assert.StartsWith("Figure 2", composite.Root!.Element(Svg + "title")!.Value);
        }
        Assert.Contains("mean of 2 seeds, bars min–max", Texts(XDocument.Load(dir.File("figure-2.svg"))));
        Assert.Contains("one seed at one ρ", Texts(XDocument.Load(dir.File("figure-2-seeds.svg"))));
    }

    [Fact]
    public void Given_seeds_at_each_rho_When_averaged_Then_there_is_one_point_per_rho_at_the_seed_means_with_their_range()
    {
        var rows = SyntheticRows.Sweep().Where(r => r.Panel == "pb").ToList();

        var points = SeedAveragedPoint.Of(rows);

        // as many points as ρ values with a usable case, in ascending ρ
        Assert.Equal(rows.Where(r => r.IsUsable).Select(r => r.Rho).Distinct().Order(), points.Select(p => p.Rho));
        var expected = FlatLab.Experiments.Analysis.SweepAnalysis.SummarizePanel(rows).SeedAveraged;
        Assert.Equal(expected.Count, points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            var seeds = rows.Where(r => r.IsUsable && r.Rho == points[i].Rho).ToList();
            Assert.Equal(expected[i].Count, points[i].Seeds);
            Assert.Equal(expected[i].FlatnessMin, points[i].FlatnessMean, 12);
            Assert.Equal(expected[i].PopulationLoss, points[i].LossMean, 12);
            Assert.Equal(seeds.Min(r => r.FlatnessMin), points[i].FlatnessLow);
            Assert.Equal(seeds.Max(r => r.FlatnessMin), points[i].FlatnessHigh);
            Assert.Equal(seeds.Min(r => r.PopulationLoss), points[i].LossLow);
            Assert.Equal(seeds.Max(r => r.PopulationLoss), points[i].LossHigh);
        }
        Assert.Equal(1, points[^1].Seeds); // ρ = 0.9 lost seed 1
    }

    [Fact]
    public void Given_the_panels_of_a_figure_When_drawn_Then_they_share_one_colour_scale_over_all_their_rho()
    {
        // Panel pa covers ρ 0.05 … 0.9, pb only 0.3 and 0.9: the shared bar's ends are those of pa.
        var rows = SyntheticRows.Sweep().Where(r => r.Panel == "pa" || (r.Panel == "pb" && r.Rho >= 0.3)).ToList();

        var composite = FigureSet.Render(rows, null, []).Single(f => f.Stem == "figure-2");
        var alone = FigureSet.Render(rows, null, []).Single(f => f.Stem == "panel-pb");

        var texts = Texts(XDocument.Parse(composite.Svg));
        Assert.Contains("0.05", texts);
        Assert.DoesNotContain("0.05", Texts(XDocument.Parse(alone.Svg))); // alone, pb's bar starts at its own smallest ρ
        Assert.Contains("0.3", Texts(XDocument.Parse(alone.Svg)));
    }

    [Fact]
    public void Given_a_panel_without_usable_rows_When_drawn_Then_it_still_gets_a_figure_that_says_so()
    {
        using var dir = new TempDirectory();
        var rows = SyntheticRows.Sweep().Select(r => r.Panel == "pc" ? r with { Status = CaseStatus.Error, PopulationLoss = double.NaN } : r).ToList();
        Draw(rows, dir.Path);
        Assert.Contains("no usable cases: 8 of 8 failed", Texts(XDocument.Load(dir.File("panel-pc.svg"))));
    }

    [Fact]
    public void Given_the_same_rows_When_rendered_twice_in_one_process_Then_the_svg_text_and_png_bytes_are_the_same()
    {
        var rows = SyntheticRows.Sweep();
        var first = FigureSet.Render(rows, null, []);

        var second = FigureSet.Render(rows, null, []);

        Assert.Equal(first.Select(f => f.Stem), second.Select(f => f.Stem));
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i].Svg, second[i].Svg);
            Assert.Equal(first[i].Png, second[i].Png);
            Assert.Equal(first[i].Pdf, second[i].Pdf);
        }
        Assert.Contains("id=\"cl_0\"", first[0].Svg); // clip ids numbered within the document
    }

    [Theory]
    [InlineData(-2.3, 1.4, new[] { "0.01", "0.1", "1", "10" })]
    [InlineData(-7.2, -3.9, new[] { "10⁻⁷", "10⁻⁶", "10⁻⁵", "10⁻⁴" })]
    [InlineData(2.4, 2.8, new[] { "300", "400", "500", "600" })]
    [InlineData(-0.85, 0.0, new[] { "0.2", "0.4", "0.6", "0.8", "1" })] // 0.14 … 1: 1-2-5 alone would label only 0.2, 0.5, 1
    [InlineData(-0.07, 0.4, new[] { "1", "2" })]                     // 0.85 … 2.5: 0.9 would touch 1
    public void Given_a_log_range_When_ticks_are_made_Then_majors_are_readable_powers_or_multiples_of_ten(double low, double high, string[] labels)
    {
        var (major, minor) = LogTicks.Create(low, high);
        Assert.Equal(labels, major.Select(m => m.Label));
        foreach (var (position, label) in major)
            Assert.InRange(position, low, high);
        Assert.All(minor, p => Assert.InRange(p, low - 1e-9, high + 1e-9));
        // each label names the value at its position: 10^position.
        foreach (var (position, label) in major.Where(m => !m.Label.Contains('⁻')))
            Assert.Equal(Math.Pow(10, position), double.Parse(label, System.Globalization.CultureInfo.InvariantCulture), 9);
    }

    private static IReadOnlyList<string> Draw(IReadOnlyList<CaseResult> rows, string folder, IReadOnlyDictionary<string, string>? titles = null) =>
        FigureSet.Write(FigureSet.Render(rows, titles, []), folder);

    private static List<string> Texts(XDocument svg) => svg.Descendants(Svg + "text").Select(t => t.Value.Trim()).ToList();
}
