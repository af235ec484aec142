using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.LinearAlgebra;
using FlatLab.Reporting.Figures;
using FlatLab.Reporting.Runs;

namespace FlatLab.Tests.Reporting.Runs;

/// <summary>The report's "what was run" table, grouped failures, page meta, captions and SVG fonts; the manifest's
/// timestamps, command line and build.</summary>
public sealed partial class ReportLayoutTests
{
    private static RunManifest Manifest(IReadOnlyList<CaseResult> rows, IReadOnlyList<string>? commandLine = null) =>
        RunManifestFactory.Capture(SyntheticRows.Spec(), new SweepRunSettings { Threads = 2, Kernels = DenseKernels.Default },
            new SweepRunResult(rows, 0, rows.Count, TimeSpan.FromSeconds(3)), DateTimeOffset.UtcNow.AddSeconds(-3), commandLine: commandLine);

    /// <summary>The synthetic sweep with five failures: three "stopped" messages differing only in their numbers, one other
    /// reason of the same status, and the infeasible case.</summary>
    private static List<CaseResult> RowsWithFailures()
    {
        var rows = SyntheticRows.Sweep();
        for (var i = 0; i < 3; i++)
            rows[i] = rows[i] with
            {
                Status = CaseStatus.MaxIterations, FlatnessMin = double.NaN, PopulationLoss = double.NaN,
                Message = string.Create(CultureInfo.InvariantCulture, $"stopped after {50 + i} iterations (gap {1e-3 * (i + 1)})"),
            };
        rows[4] = rows[4] with { Status = CaseStatus.MaxIterations, FlatnessMin = double.NaN, PopulationLoss = double.NaN, Message = "no progress" };
        return rows;
    }

    [Fact]
    public void Given_failures_differing_only_in_numbers_When_summarised_Then_they_form_one_group_with_its_count()
    {
        var summary = RunSummary.Of(RunArtifacts.Create(SyntheticRows.Spec(), RowsWithFailures(), null));
        var failures = summary.Sections.Single(s => s.Heading == "Failures").Table!;

        Assert.Equal(["status", "reason", "cases", "panels", "first cases"], failures.Headers);
        var rows = failures.Rows.Select(r => r.Select(c => c.Text).ToArray()).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(["max_iterations", "stopped after 50 iterations (gap 0.001)", "3", "pa", "pa/s00/rho00, pa/s00/rho01, pa/s00/rho02"], rows[0]);
        // Groups of 1 follow in order of first appearance.
        Assert.Equal(["max_iterations", "no progress", "1", "pa", "pa/s01/rho04"], rows[1]);
        Assert.Equal("infeasible", rows[2][0]);
        Assert.Equal(5, failures.Rows.Sum(r => int.Parse(r[2].Text, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Given_more_failures_than_are_named_When_summarised_Then_the_group_names_the_first_three()
    {
        var rows = SyntheticRows.Sweep().Select(r => r.Panel == "pc"
            ? r with { Status = CaseStatus.NumericalError, FlatnessMin = double.NaN, PopulationLoss = double.NaN, Message = $"singular at {r.Rho}" }
            : r).ToList();
        var failures = RunSummary.Of(RunArtifacts.Create(SyntheticRows.Spec(), rows, null)).Sections.Single(s => s.Heading == "Failures").Table!;
        var group = failures.Rows[0];
        Assert.Equal("8", group[2].Text);
        Assert.Equal("pc/s00/rho16, pc/s00/rho17, pc/s00/rho18, …", group[4].Text);
    }

    [Fact]
    public void Given_a_run_with_a_manifest_When_summarised_Then_what_was_run_comes_first_with_spec_counts_time_version_and_command()
    {
        var rows = RowsWithFailures();
        var manifest = Manifest(rows, ["flatlab", "sweep", "--spec", "my sweep.json", "--out", "runs/x"]);
        var summary = RunSummary.Of(RunArtifacts.Create(SyntheticRows.Spec(), rows, manifest));

        var first = summary.Sections[0];
        Assert.Equal("What was run", first.Heading);
        var table = first.Table!.Rows.ToDictionary(r => r[0].Text, r => r[1].Text);
        Assert.Equal("synthetic", table["spec"]);
        Assert.Equal("3 (pa, pb, pc)", table["panels"]);
        Assert.Equal("d = 10, n = 20, m = 40", table["sizes"]);
        Assert.Equal("24 total, 19 usable, 5 left out", table["cases"]);
        Assert.Matches(@"^3(\.\d+)? s \(2 threads on \d+ cores\)$", table["wall time"]);
        Assert.StartsWith($"FlatLab {manifest.FlatlabVersion}, build {manifest.GitDescribe}", table["version"]);
        Assert.Equal("flatlab sweep --spec 'my sweep.json' --out runs/x", table["command line"]);
    }

    [Fact]
    public void Given_a_report_When_rendered_Then_it_has_a_viewport_its_tables_scroll_in_their_own_box_and_figures_have_captions()
    {
        var rows = RowsWithFailures();
        var html = ReportHtml.Render(RunSummary.Of(RunArtifacts.Create(SyntheticRows.Spec(), rows, Manifest(rows))));

        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html);
        Assert.Equal(Regex.Count(html, "<table>"), Regex.Count(html, "<div class=\"table\"><table>"));
        Assert.Contains(".table { overflow-x: auto;", html);
        var captions = Regex.Matches(html, "<figcaption>(.*?)</figcaption>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(2, captions.Count);
        Assert.All(captions, c => Assert.Contains("Population loss (y) against the minimum flatness F_min (x)", c));
        Assert.StartsWith("Figure 2 (means over seeds)", captions[0]);
    }

    [Fact]
    public void Given_the_figures_When_rendered_as_svg_Then_every_font_family_ends_in_the_generic_sans_serif()
    {
        var figure = RunArtifacts.Create(SyntheticRows.Spec(), SyntheticRows.Sweep(), null).Figures[0];
        var families = Regex.Matches(figure.Svg, "font-family=\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(families);
        Assert.All(families, f => Assert.EndsWith(", sans-serif", f));
        Assert.All(families, f => Assert.Equal(f.Split(", ").Length, f.Split(", ").Distinct().Count()));
        Assert.Equal("font-family=\"Foo, DejaVu Sans, Verdana, Arial, Helvetica, sans-serif\"",
            FigureRenderer.FontFallbacks("font-family=\"Foo\""));
    }

    [Fact]
    public void Given_a_manifest_When_written_Then_timestamps_are_utc_with_six_fractional_digits_and_read_back_equal()
    {
        var rows = SyntheticRows.Sweep();
        var manifest = Manifest(rows, ["flatlab", "sweep", "--preset", "smoke"]);
        using var doc = JsonDocument.Parse(RunManifestJson.Write(manifest));
        foreach (var field in new[] { "started_utc", "finished_utc" })
        {
            var text = doc.RootElement.GetProperty(field).GetString()!;
            // The form Python's datetime.fromisoformat accepts since 3.7: microseconds and an explicit offset.
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$", text);
        }
        var back = RunManifestJson.Read(RunManifestJson.Write(manifest));
        Assert.Equal(manifest.StartedUtc, back.StartedUtc);
        Assert.Equal(manifest.FinishedUtc, back.FinishedUtc);
        Assert.Equal(["flatlab", "sweep", "--preset", "smoke"], back.CommandLine);
        Assert.Equal(["flatlab", "sweep", "--preset", "smoke"], doc.RootElement.GetProperty("command_line").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Given_an_older_manifest_with_seven_fractional_digits_When_read_Then_its_times_are_kept()
    {
        var rows = SyntheticRows.Sweep();
        var json = RunManifestJson.Write(Manifest(rows));
        json = Regex.Replace(json, "\"started_utc\": \"[^\"]*\"", "\"started_utc\": \"2026-11-28T19:07:18.1711955+00:00\"");
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 19, 7, 18, TimeSpan.Zero).AddTicks(1711955), RunManifestJson.Read(json).StartedUtc);
    }

    [Fact]
    public void Given_the_build_When_the_manifest_is_captured_Then_it_records_git_describe_and_whether_the_tree_was_dirty()
    {
        var manifest = Manifest(SyntheticRows.Sweep());
        var embedded = typeof(FlatLab.Experiments.Running.SweepRunner).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "GitDescribe").Value;

        Assert.Equal(string.IsNullOrWhiteSpace(embedded) ? "unknown" : embedded, manifest.GitDescribe);
        if (manifest.GitDescribe == "unknown") Assert.Null(manifest.BuildDirty);
        else
        {
            Assert.Equal(manifest.GitDescribe.EndsWith("-dirty", StringComparison.Ordinal), manifest.BuildDirty);
            // The describe names the same commit as the informational version (both from the build tree's HEAD).
            if (manifest.GitCommit != "unknown" && Regex.IsMatch(manifest.GitDescribe, "^[0-9a-f]{7,}(-dirty)?$"))
                Assert.StartsWith(manifest.GitDescribe.Split('-')[0], manifest.GitCommit);
        }
        using var doc = JsonDocument.Parse(RunManifestJson.Write(manifest));
        Assert.True(doc.RootElement.TryGetProperty("build_dirty", out _));
        Assert.True(doc.RootElement.TryGetProperty("git_describe", out _));
    }
}
