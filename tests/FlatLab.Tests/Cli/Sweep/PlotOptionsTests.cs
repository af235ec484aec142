using System.Text.RegularExpressions;
using FlatLab.Reporting.Figures;
using FlatLab.Reporting.Tables;
using FlatLab.Tests.Reporting.Runs;

namespace FlatLab.Tests.Cli.Sweep;

/// <summary><c>flatlab plot --x --y --color --log --format --size</c> on a hand-made results table.</summary>
public sealed class PlotOptionsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Table()
    {
        var path = _dir.File("results.csv");
        ResultsTable.WriteCsv(path, SyntheticRows.Sweep());
        return path;
    }

    [Fact]
    public void GivenTwoColumns_WhenPlottedAsSvg_ThenOneFileHoldsOneDotPerRowWithValues()
    {
        var out_ = _dir.File("figs");
        var run = CliRun.Of("plot", "--results", Table(), "--out", out_, "--x", "rho", "--y", "flatness_min", "--format", "svg");

        Assert.True(run.ExitCode == 0, run.Error);
        var files = Directory.GetFiles(out_).Select(Path.GetFileName).ToArray();
        Assert.Equal(["flatness_min-vs-rho.svg"], files);
        var svg = File.ReadAllText(Path.Combine(out_, "flatness_min-vs-rho.svg"));
        // 24 rows, one infeasible with a NaN F_min: 23 drawn and 1 left out, as the legend says.
        Assert.Contains("23 rows drawn, 1 left out", svg);
        Assert.Contains("<title>flatness_min against rho</title>", svg);
    }

    [Fact]
    public void GivenALogAxis_WhenPlotted_ThenTheTicksArePowersOfTenAndNonPositiveValuesAreLeftOut()
    {
        var rows = SyntheticRows.Sweep();
        rows[0] = rows[0] with { FlatnessMin = 0 }; // not drawable on a log axis
        var table = _dir.File("results.csv");
        ResultsTable.WriteCsv(table, rows);
        var figure = ColumnPlot.Render(ResultsTable.Read(table), new ColumnPlotSpec("rho", "flatness_min", LogY: true));

        Assert.Contains("22 rows drawn, 2 left out (NaN or not positive on a log axis)", figure.Svg);
        var linear = ColumnPlot.Render(rows, new ColumnPlotSpec("rho", "flatness_min"));
        Assert.Contains("23 rows drawn, 1 left out (NaN)", linear.Svg);
        Assert.NotEqual(linear.Svg, figure.Svg);
    }

    [Theory]
    [InlineData("800x600", 800, 600)]
    [InlineData("300X200", 300, 200)]
    public void GivenASize_WhenPlotted_ThenTheSvgHasItAndThePngTwiceIt(string size, int width, int height)
    {
        var out_ = _dir.File("figs");
        var run = CliRun.Of("plot", "--results", Table(), "--out", out_, "--x", "d", "--y", "population_loss", "--size", size,
            "--format", "png,svg");

        Assert.True(run.ExitCode == 0, run.Error);
        var svg = File.ReadAllText(Path.Combine(out_, "population_loss-vs-d.svg"));
        Assert.Matches($"<svg[^>]*width=\"{width}\"[^>]*height=\"{height}\"", svg);
        var png = File.ReadAllBytes(Path.Combine(out_, "population_loss-vs-d.png"));
        // The PNG header: width and height, big-endian, at bytes 16 and 20.
        Assert.Equal(2 * width, (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19]);
        Assert.Equal(2 * height, (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);
        Assert.False(File.Exists(Path.Combine(out_, "population_loss-vs-d.pdf")));
    }

    [Fact]
    public void GivenATextColourColumn_WhenPlotted_ThenEachValueHasALegendEntry()
    {
        var figure = ColumnPlot.Render(SyntheticRows.Sweep(), new ColumnPlotSpec("rho", "population_loss", Color: "panel", LogY: true));
        foreach (var panel in new[] { "pa", "pb", "pc" }) Assert.Contains($"panel = {panel}", figure.Svg);
        Assert.Equal("population_loss-vs-rho-by-panel", figure.Stem);
    }

    [Fact]
    public void GivenANumericColourColumn_WhenPlotted_ThenDotsTakeAsManyColoursAsTheColumnHasValues()
    {
        var rows = SyntheticRows.Sweep();
        var figure = ColumnPlot.Render(rows, new ColumnPlotSpec("flatness_min", "population_loss", Color: "rho", LogX: true, LogY: true));
        // Four ρ values on a linear Viridis scale from 0.05 to 0.9: each drawn dot takes its value's colour.
        var viridis = new ScottPlot.Colormaps.Viridis();
        foreach (var rho in new[] { 0.05, 0.1, 0.3, 0.9 })
        {
            var hex = viridis.GetColor((rho - 0.05) / (0.9 - 0.05)).ToHex()[..7].ToUpperInvariant();
            var dots = rows.Count(r => r.Rho == rho && double.IsFinite(r.FlatnessMin));
            Assert.Equal(dots, Regex.Count(figure.Svg, $"fill=\"{hex}\""));
        }
    }

    [Fact]
    public void GivenOnlyAFormat_WhenPlotted_ThenTheRunsFiguresAreWrittenInThatFormatAlone()
    {
        var out_ = _dir.File("figs");
        var run = CliRun.Of("plot", "--results", Table(), "--out", out_, "--format", "pdf");

        Assert.True(run.ExitCode == 0, run.Error);
        var files = Directory.GetFiles(out_);
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.EndsWith(".pdf", f));
        Assert.Contains(files, f => Path.GetFileName(f) == "figure-2.pdf");
    }

    [Theory]
    [InlineData("--x: 'nope' is not a column of the results table; numeric columns: case_index", "--x", "nope", "--y", "rho")]
    [InlineData("--y: column 'status' holds names (an enum), not numbers; numeric columns:", "--x", "rho", "--y", "status")]
    [InlineData("--y: column 'panel' holds text, not numbers", "--x", "rho", "--y", "panel")]
    [InlineData("--color: 'hue' is not a column of the results table; columns: case_key", "--x", "rho", "--y", "d", "--color", "hue")]
    [InlineData("--y: missing", "--x", "rho")]
    [InlineData("--x: missing", "--y", "rho")]
    [InlineData("--log: 'z' is not one of x, y, xy.", "--x", "rho", "--y", "d", "--log", "z")]
    [InlineData("--log: applies to a plot of one column against another; give --x and --y too.", "--log", "x")]
    [InlineData("--color: applies to a plot of one column against another", "--color", "rho")]
    [InlineData("--size: 'big' is not WIDTHxHEIGHT in pixels", "--x", "rho", "--y", "d", "--size", "big")]
    [InlineData("--size: 50x5000 is out of range; width and height must lie in [200, 4000] pixels.", "--x", "rho", "--y", "d", "--size", "50x5000")]
    [InlineData("--format: 'jpg' is not one of png, svg, pdf.", "--format", "png,jpg")]
    public void GivenABadOption_WhenPlotted_ThenExit2WithAMessageNamingIt(string message, params string[] options)
    {
        var out_ = _dir.File("figs");
        var run = CliRun.Of(["plot", "--results", Table(), "--out", out_, .. options]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.False(Directory.Exists(out_));
    }

    [Fact]
    public void GivenEveryNumericColumn_WhenCheckedAsAnAxis_ThenItIsAccepted_AndTheTextOnesAreNot()
    {
        foreach (var column in ResultsColumns.All)
        {
            var numeric = column.Kind is ResultsColumnKind.Double or ResultsColumnKind.Int or ResultsColumnKind.UInt64;
            Assert.Equal(numeric, ColumnPlot.Check(new ColumnPlotSpec(column.Name, "rho")) is null);
            Assert.Null(ColumnPlot.Check(new ColumnPlotSpec("rho", "d", Color: column.Name)));
        }
    }
}
