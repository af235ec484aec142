using System.Text;
using System.Text.RegularExpressions;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Runs;
using FlatLab.Experiments.Specs;
using FlatLab.LinearAlgebra;
using FlatLab.Reporting.Exporters;
using FlatLab.Reporting.Runs;
using FlatLab.Tests.Cli;

namespace FlatLab.Tests.Reporting.Runs;

public sealed class RunReaderTests
{
    private static SweepSpec Spec() => SyntheticRows.Spec();

    /// <summary>The synthetic sweep plus two GD runs on panel pa, each with a three-point trajectory.</summary>
    private static List<CaseResult> RowsWithRuns()
    {
        var rows = SyntheticRows.Sweep();
        for (var s = 0; s < 2; s++)
        {
            var index = rows.Count;
            var path = Enumerable.Range(0, 3).Select(k => new TrajectoryPoint(100 * k, 1.0 / (k + 1 + s), 900.0 / (k + 1), 800.0 / (k + 1 + 0.3 * s),
                50, 0.2 + 0.1 * k, 0.5 / (k + 1 + 0.1 * s), 0.01)).ToArray();
            rows.Add(SyntheticRows.Row(index, "pa", "2", s, double.NaN, path[^1].FlatnessMin, path[^1].PopulationLoss) with
            {
                CaseKey = $"pa/s{s:00}/train-gd", Kind = CaseKind.Train, Variant = "gd", Trajectory = path, TrainSteps = 200,
            });
        }
        return rows;
    }

    private static RunManifest Manifest(IReadOnlyList<CaseResult> rows) =>
        RunManifestFactory.Capture(Spec(), new SweepRunSettings { Kernels = DenseKernels.Default }, new SweepRunResult(rows, 0, rows.Count, TimeSpan.FromSeconds(1)),
            DateTimeOffset.UtcNow.AddSeconds(-1));

    [Fact]
    public void Given_a_written_report_When_the_folder_is_read_back_Then_rows_trajectories_spec_and_manifest_are_those_written()
    {
        using var dir = new TempDirectory();
        var rows = RowsWithRuns();
        var manifest = Manifest(rows);
        RunReport.Write(dir.Path, Spec(), rows, manifest);
        File.WriteAllText(dir.File(RunFolder.SpecFileName), SweepSpecJson.Write(Spec())); // the runner's part of the folder

        var fromParquet = RunReader.Read(new RunFolder(dir.Path));
        var fromCsv = RunReader.ReadTable(dir.File(RunFolder.ResultsCsvFileName));

        var expected = rows.OrderBy(r => r.CaseIndex).Select(CaseResultJson.Write).ToArray(); // with the trajectories
        Assert.Equal(expected, fromParquet.Rows.Select(CaseResultJson.Write).ToArray());
        Assert.Equal(expected, fromCsv.Rows.Select(CaseResultJson.Write).ToArray());
        Assert.Equal(SweepSpecJson.Write(Spec()), SweepSpecJson.Write(fromParquet.Spec!));
        Assert.Equal(RunManifestJson.Write(manifest), RunManifestJson.Write(fromParquet.Manifest!));
        Assert.Equal("Alpha panel", fromCsv.Titles["pa"]);
    }

    [Fact]
    public void Given_a_run_When_reported_Then_every_file_in_the_folder_has_a_RunFolder_name()
    {
        using var dir = new TempDirectory();
        var rows = RowsWithRuns();

        var written = RunReport.Write(dir.Path, Spec(), rows, Manifest(rows));

        string[] names =
        [
            RunFolder.ResultsCsvFileName, RunFolder.ResultsParquetFileName, RunFolder.TrajectoriesCsvFileName,
            RunFolder.TrajectoriesParquetFileName, RunFolder.ManifestFileName, RunFolder.StatsFileName, RunFolder.SummaryFileName,
            RunFolder.ReportFileName,
        ];
        Assert.Equal(names.Order(), Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
        Assert.Equal([RunFolder.FiguresFolderName], Directory.GetDirectories(dir.Path).Select(Path.GetFileName));
        string[] stems =
        [
            RunFolder.PanelFigureStem("pa"), RunFolder.PanelFigureStem("pb"), RunFolder.PanelFigureStem("pc"),
            RunFolder.CompositeFigureStem("2"), RunFolder.CompositeSeedsFigureStem("2"), RunFolder.CompositeFigureStem("4"), RunFolder.CompositeSeedsFigureStem("4"),
        ];
        var figures = stems.SelectMany(s => new[] { RunFolder.FigureFile(s, "png"), RunFolder.FigureFile(s, "svg"), RunFolder.FigureFile(s, "pdf") });
        Assert.Equal(names.Concat(figures).Select(dir.File).Order(), written.Order());
    }

    [Fact]
    public void Given_a_report_When_written_Then_the_html_embeds_exactly_the_svgs_written_to_figures()
    {
        using var dir = new TempDirectory();
        var rows = RowsWithRuns();
        RunReport.Write(dir.Path, Spec(), rows, Manifest(rows));

        var html = File.ReadAllText(dir.File(RunFolder.ReportFileName));
        var embedded = Regex.Matches(html, "data:image/svg\\+xml;base64,([A-Za-z0-9+/=]+)")
            .Select(m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value))).ToArray();

        string[] composites = [RunFolder.CompositeFigureStem("2"), RunFolder.CompositeFigureStem("4")];
        Assert.Equal(composites.Select(s => File.ReadAllText(dir.File(RunFolder.FigureFile(s, "svg")))), embedded);
        // summary.md links the same figures, as PNG.
        var md = File.ReadAllText(dir.File(RunFolder.SummaryFileName));
        foreach (var stem in composites) Assert.Contains($"]({RunFolder.FiguresFolderName}/{stem}.png)", md);
    }

    [Fact]
    public void Given_one_summary_model_When_rendered_as_markdown_and_html_Then_both_hold_its_sections_and_every_cell()
    {
        var rows = RowsWithRuns();
        var summary = RunSummary.Of(RunArtifacts.Create(Spec(), rows, Manifest(rows)));

        var md = SummaryMarkdown.Render(summary);
        var html = System.Net.WebUtility.HtmlDecode(ReportHtml.Render(summary));

        Assert.Equal(["What was run", "Figures", "Per panel, all seeds", "Per panel, seeds averaged (mean F_min and loss per ρ first)",
                "Per panel, bootstrap intervals over seeds", "Verdicts", "Failures", "Manifest"],
            summary.Sections.Select(s => s.Heading));
        Assert.Contains(summary.Counts, md);
        Assert.Contains(summary.Counts, html);
        foreach (var section in summary.Sections)
        {
            Assert.Contains("## " + section.Heading, md);
            Assert.Contains("<h2>" + section.Heading + "</h2>", html);
            foreach (var cell in section.Table?.Rows.SelectMany(r => r) ?? [])
            {
                Assert.Contains(cell.Text.Replace("|", "\\|"), md);
                Assert.Contains(cell.Text, html);
            }
        }
        // The GD runs are not ρ cases: the statistics count the 24 ρ cases per panel as before, and the
        // runs are usable rows of the run.
        Assert.StartsWith("26 cases: 25 usable, 1 left out", summary.Counts);
    }
}
