using System.Text.Json;
using FlatLab.LinearAlgebra;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Specs;
using FlatLab.Reporting.Runs;
using FlatLab.Reporting.Tables;
using FlatLab.Tests.Cli;

namespace FlatLab.Tests.Reporting.Runs;

public class RunReportTests
{
    private static SweepSpec Spec() => SyntheticRows.Spec();

    private static RunManifest Manifest(IReadOnlyList<FlatLab.Experiments.Results.CaseResult> rows) =>
        RunManifestFactory.Capture(Spec(), new SweepRunSettings { Threads = 2, Kernels = DenseKernels.Default }, new SweepRunResult(rows, 3, rows.Count - 3, TimeSpan.FromSeconds(2)),
            DateTimeOffset.UtcNow.AddSeconds(-2));

    [Fact]
    public void Given_rows_with_a_failure_When_the_report_is_written_Then_every_output_file_exists_and_no_temporary_is_left()
    {
        using var dir = new TempDirectory();
        var rows = SyntheticRows.Sweep();
        RunReport.Write(dir.Path, Spec(), rows, Manifest(rows));
        foreach (var name in new[] { "results.csv", "results.parquet", "manifest.json", "summary.md", "report.html",
                     "figures/panel-pa.png", "figures/panel-pa.svg", "figures/panel-pc.pdf", "figures/figure-2.png", "figures/figure-2.svg", "figures/figure-2.pdf",
                     "figures/figure-2-seeds.svg", "figures/figure-4.svg" })
            Assert.True(new FileInfo(dir.File(name)).Length > 0, $"{name} is missing or empty");
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));
        Assert.Equal(rows, ResultsTable.Read(dir.File("results.parquet")));
    }

    [Fact]
    public void Given_rows_with_a_failure_When_the_report_is_written_Then_the_html_holds_each_panel_the_figures_and_the_failure()
    {
        using var dir = new TempDirectory();
        var rows = SyntheticRows.Sweep();
        RunReport.Write(dir.Path, Spec(), rows, Manifest(rows));
        var html = File.ReadAllText(dir.File("report.html"));
        foreach (var text in new[] { "Alpha panel", "Beta panel", "Gamma panel", "<code>pa</code>", "<code>pb</code>", "<code>pc</code>" })
            Assert.Contains(text, html);
        Assert.Equal(2, html.Split("data:image/svg+xml;base64,").Length - 1); // figures 2 and 4, embedded
        Assert.Contains("pb/s01/rho15", html);
        Assert.Contains("infeasible", html);
        Assert.Contains("&quot;quoted&quot;", html); // the message, escaped
        Assert.DoesNotContain("src=\"http", html); // self-contained
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void Given_rows_with_a_failure_When_the_report_is_written_Then_the_summary_lists_statistics_and_the_failure()
    {
        using var dir = new TempDirectory();
        var rows = SyntheticRows.Sweep();
        RunReport.Write(dir.Path, Spec(), rows, Manifest(rows));
        var md = File.ReadAllText(dir.File("summary.md"));
        Assert.Contains("pa (Alpha panel)", md);
        Assert.Contains("24 cases: 23 usable, 1 left out (infeasible: 1, solved: 23)", md);
        // Failures are grouped by status and reason: the one infeasible case is a group of 1, named.
        Assert.Contains("| infeasible | Φa = y has no solution, \\| \"quoted\", comma | 1 | pb | `pb/s01/rho15` |", md);
        Assert.Contains("\\|", md); // the '|' inside the message is escaped so the table holds
        // pa: F_min and loss fall together as ρ rises, so the flattest point (ρ = 0.9) is also the best: ratio 1.
        var paLine = md.Split('\n').First(l => l.StartsWith("| pa (Alpha panel)"));
        Assert.Contains("| 1.000 | 8 |", paLine);
        Assert.Contains("| 0.9 |", paLine);
    }

    [Fact]
    public void Given_a_run_When_the_manifest_is_captured_Then_it_records_counts_timings_and_environment_and_round_trips_as_json()
    {
        var rows = SyntheticRows.Sweep();
        var m = Manifest(rows);
        Assert.Equal((24, 23, 1, 23, 3, 21), (m.CasesTotal, m.CasesSolved, m.CasesFailed, m.CasesUsable, m.CasesResumed, m.CasesRan));
        Assert.Equal(rows.Where(r => double.IsFinite(r.CaseSeconds)).Average(r => r.CaseSeconds), m.MeanCaseSeconds, 12);
        Assert.Equal(rows.Average(r => r.SolveSeconds), m.MeanSolveSeconds, 12);
        Assert.InRange(m.WallSeconds, 1.9, 60);
        Assert.Equal(["0/1"], m.Shards);
        Assert.Equal(Environment.ProcessorCount, m.Cores);
        Assert.False(string.IsNullOrWhiteSpace(m.Blas));
        Assert.Matches("^(unknown|[0-9a-f]{7,64})$", m.GitCommit);
        Assert.Equal("synthetic", m.Spec.GetProperty("name").GetString());
        Assert.Equal(3, m.Spec.GetProperty("panels").GetArrayLength());

        var back = RunManifestJson.Read(RunManifestJson.Write(m));
        Assert.Equal(RunManifestJson.Write(m), RunManifestJson.Write(back));
        using var doc = JsonDocument.Parse(RunManifestJson.Write(m));
        Assert.Equal("synthetic", doc.RootElement.GetProperty("spec").GetProperty("name").GetString()); // the spec, as an object
        Assert.True(doc.RootElement.TryGetProperty("git_commit", out _));
    }

    [Fact]
    public void Given_merged_shards_When_the_manifest_is_captured_Then_it_lists_them()
    {
        var rows = SyntheticRows.Sweep();
        var m = RunManifestFactory.Capture(Spec(), new SweepRunSettings { Kernels = DenseKernels.Default }, new SweepRunResult(rows, 0, 0, TimeSpan.Zero), DateTimeOffset.UtcNow, ["0/2", "1/2"]);
        Assert.Equal(["0/2", "1/2"], m.Shards);
    }
}
