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
    public void Given_synthetic_rows_When_drawn_Then_each_panel_and_each_figure_has_a_png_and_an_svg()
    {
        using var dir = new TempDirectory();
        var files = Draw(SyntheticRows.Sweep(), dir.Path, new Dictionary<string, string> { ["pa"] = "Panel A title" });
        string[] stems = ["pa", "pb", "pc", "figure-2", "figure-4"];
        var expected = stems.SelectMany(s => new[] { dir.File(s + ".png"), dir.File(s + ".svg") }).Order().ToArray();
        Assert.Equal(expected, files.Order().ToArray());
        foreach (var png in files.Where(f => f.EndsWith(".png")))
        {
            var bytes = File.ReadAllBytes(png);
            Assert.True(bytes.Length > 5000, $"{png} has only {bytes.Length} bytes");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        }
    }

    [Fact]
    public void Given_synthetic_rows_When_drawn_Then_the_svgs_parse_and_carry_titles_labels_and_the_usable_count()
    {
        using var dir = new TempDirectory();
        Draw(SyntheticRows.Sweep(), dir.Path, new Dictionary<string, string> { ["pa"] = "Panel A title" });

        var panel = XDocument.Load(dir.File("pa.svg"));
        Assert.Equal("Panel A title", panel.Root!.Element(Svg + "title")!.Value);
        var texts = Texts(panel);
        Assert.Contains("Panel A title", texts);
        Assert.Contains("minimum flatness F_min", texts);
        Assert.Contains("population loss", texts);
        Assert.Contains("correlation ρ", texts);
        Assert.Contains(texts, t => t.StartsWith("Spearman 1.00 (n = 8)"));

        // pb has one failed case: the figure counts 7 points.
        Assert.Contains(Texts(XDocument.Load(dir.File("pb.svg"))), t => t.Contains("(n = 7)"));

        var composite = XDocument.Load(dir.File("figure-2.svg"));
        var compositeTexts = Texts(composite);
        Assert.Contains("Panel A title", compositeTexts);
        Assert.Contains("pb", compositeTexts);
        Assert.DoesNotContain("pc", compositeTexts);
        Assert.StartsWith("Figure 2", composite.Root!.Element(Svg + "title")!.Value);
    }

    [Fact]
    public void Given_a_panel_without_usable_rows_When_drawn_Then_it_still_gets_a_figure_that_says_so()
    {
        using var dir = new TempDirectory();
        var rows = SyntheticRows.Sweep().Select(r => r.Panel == "pc" ? r with { Status = CaseStatus.Error, PopulationLoss = double.NaN } : r).ToList();
        Draw(rows, dir.Path);
        Assert.Contains("no usable cases", Texts(XDocument.Load(dir.File("pc.svg"))));
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
        }
        Assert.Contains("id=\"cl_0\"", first[0].Svg); // clip ids numbered within the document
    }

    [Theory]
    [InlineData(-2.3, 1.4, new[] { "0.01", "0.1", "1", "10" })]
    [InlineData(-7.2, -3.9, new[] { "10⁻⁷", "10⁻⁶", "10⁻⁵", "10⁻⁴" })]
    [InlineData(2.4, 2.8, new[] { "300", "400", "500", "600" })]
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
