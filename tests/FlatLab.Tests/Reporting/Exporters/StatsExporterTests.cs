using System.Globalization;
using FlatLab.Experiments.Analysis;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Runs;
using FlatLab.Experiments.Specs;
using FlatLab.Randomness;
using FlatLab.Reporting.Exporters;
using FlatLab.Reporting.Runs;
using FlatLab.Tests.Cli;
using FlatLab.Tests.Experiments.Analysis;
using FlatLab.Tests.Reporting.Runs;

namespace FlatLab.Tests.Reporting.Exporters;

public class StatsExporterTests
{
    private static SweepSpec Spec() => new()
    {
        Name = "stats",
        Seed = 17,
        Panels =
        [
            new PanelSpec { Name = "pa", Figure = "2", Title = "Alpha panel", D = 10, N = 20, M = 40 },
            new PanelSpec { Name = "pb", Figure = "2", Title = "Beta panel", D = 10, N = 20, M = 40 },
        ],
    };

    /// <summary>Two panels of 6 seeds × 4 ρ (one failed row in pb), so verdicts are decided where the data decide them.</summary>
    private static List<CaseResult> Rows()
    {
        var a = BootstrapPanels.Clustered("pa", new RandomSource(1), 6, [0.1, 0.3, 0.5, 0.8], 0.6, 0.6);
        var b = BootstrapPanels.Clustered("pb", new RandomSource(2), 6, [0.1, 0.3, 0.5, 0.8], 0.0, 0.0)
            .Select(r => r with { CaseIndex = r.CaseIndex + 100, CaseKey = "pb/" + r.CaseKey }).ToList();
        b[5] = BootstrapPanels.Failed("pb", 105, 1, 0.3) with { CaseKey = "pb/failed" };
        return [.. a, .. b];
    }

    [Fact]
    public void Given_a_run_When_its_report_is_written_Then_stats_csv_holds_every_estimate_and_verdict_at_full_precision()
    {
        // Given
        using var dir = new TempDirectory();
        var rows = Rows();
        // When
        RunReport.Write(new RunFolder(dir.Path), RunArtifacts.Create(Spec(), rows, null));
        // Then: the header, then per panel 7 estimates, the restricted Spearman once per claim on it (3).
        var table = ReadCsv(File.ReadAllText(dir.File(RunFolder.StatsFileName)));
        Assert.Equal(StatsExporter.Columns, table[0]);
        Assert.Equal(2 * (7 + 2), table.Count - 1);
        var expected = SeedClusterBootstrap.AnalyzeSweep(rows, new StatisticsSettings { Seed = 17 });
        foreach (var panel in expected)
            foreach (var e in panel.Estimates)
            {
                var lines = table.Skip(1).Where(f => f[0] == panel.Panel && f[2] == e.Statistic && f[3] == e.Range).ToList();
                var claims = panel.Verdicts.Where(v => v.Statistic == e).ToList();
                Assert.Equal(Math.Max(1, claims.Count), lines.Count);
                foreach (var f in lines)
                {
                    Assert.Equal(panel.Figure, f[1]);
                    Assert.Equal(BitConverter.DoubleToInt64Bits(e.Point), BitConverter.DoubleToInt64Bits(Parse(f[4])));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(e.Lower), BitConverter.DoubleToInt64Bits(Parse(f[5])));
                    Assert.Equal(BitConverter.DoubleToInt64Bits(e.Upper), BitConverter.DoubleToInt64Bits(Parse(f[6])));
                    Assert.Equal(0.95, Parse(f[7]));
                    Assert.Equal([e.Seeds, e.Rows, e.Failed, e.Resamples], f[8..12].Select(int.Parse));
                }
                Assert.Equal(claims.Select(v => (v.Claim.ToSnakeCase(), v.Status.ToSnakeCase(), v.Text)).Order(),
                    lines.Where(f => f[12] != "").Select(f => (f[12], f[13], f[14])).Order());
            }
        // The failed row of pb is counted on both ranges it belongs to (ρ = 0.3 is above the cut).
        var pb = table.Skip(1).First(f => f[0] == "pb" && f[2] == "spearman" && f[3] == "rho>=0.2");
        Assert.Equal("1", pb[10]);
    }

    [Fact]
    public void Given_a_run_folder_When_the_report_is_redrawn_from_it_under_another_culture_Then_stats_csv_has_the_same_bytes()
    {
        using var dir = new TempDirectory();
        var rows = Rows();
        RunReport.Write(dir.Path, Spec(), rows, RunManifestFactory.Capture(Spec(), new FlatLab.Experiments.Running.SweepRunSettings { Threads = 1, Kernels = FlatLab.LinearAlgebra.DenseKernels.Default },
            new FlatLab.Experiments.Running.SweepRunResult(rows, rows.Count, 0, TimeSpan.FromSeconds(1)), DateTimeOffset.UtcNow));
        // The spec is saved by the runner; here the redraw reads it back from the folder as the runner would.
        File.WriteAllText(dir.File(RunFolder.SpecFileName), SweepSpecJson.Write(Spec()));
        var first = File.ReadAllBytes(dir.File(RunFolder.StatsFileName));

        var culture = CultureInfo.CurrentCulture;
        try
        {
            // A comma-decimal culture (the tests run in globalization-invariant mode, so it is built by hand).
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NumberGroupSeparator = ".";
            CultureInfo.CurrentCulture = comma;
            var folder = new RunFolder(dir.Path);
            RunReport.Write(folder, RunReader.Read(folder), [new StatsExporter()]);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
        Assert.Equal(first, File.ReadAllBytes(dir.File(RunFolder.StatsFileName)));
    }

    [Fact]
    public void Given_a_run_with_two_seeds_When_summarised_Then_the_summary_shows_the_intervals_and_says_the_seeds_are_too_few()
    {
        using var dir = new TempDirectory();
        var rows = SyntheticRows.Sweep();
        RunReport.Write(new RunFolder(dir.Path), RunArtifacts.Create(Spec(), rows, null));
        var md = File.ReadAllText(dir.File(RunFolder.SummaryFileName));
        Assert.Contains("## Per panel, bootstrap intervals over seeds", md);
        Assert.Contains("## Verdicts", md);
        Assert.Contains("| flatness_orders_generalization | inconclusive |", md);
        Assert.Contains("only 2 seeds (fewer than 5)", md);
        Assert.DoesNotContain("| holds |", md);
    }

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>A minimal RFC 4180 reader (quoted fields with doubled quotes; no line breaks inside fields here).</summary>
    private static List<string[]> ReadCsv(string text)
    {
        var records = new List<string[]>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = new List<string>();
            var field = new System.Text.StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else field.Append(c);
                }
                else if (c == '"') quoted = true;
                else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
                else field.Append(c);
            }
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }
        return records;
    }
}
