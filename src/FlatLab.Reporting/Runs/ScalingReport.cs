using System.Globalization;
using System.Text;
using FlatLab.Experiments.Analysis;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Specs;
using FlatLab.Reporting.Figures;
using FlatLab.Reporting.Io;

namespace FlatLab.Reporting.Runs;

/// <summary>
/// The scaling studies of a run (docs/theory.md §7): scaling.csv with every fitted law, a Markdown
/// section for summary.md, and one log-log figure per study.
/// </summary>
internal static class ScalingReport
{
    public const string CsvFileName = "scaling.csv";

    /// <summary>Writes the table and figures; returns the Markdown section (empty without scaling studies).</summary>
    public static string Write(string folder, SweepSpec spec, IReadOnlyList<CaseResult> rows)
    {
        if (spec.Scaling.Length == 0) return "";
        var fits = ScalingAnalysis.Fit(spec, rows);
        AtomicFileWriter.WriteAllText(Path.Combine(folder, CsvFileName), Csv(fits));
        var figures = Path.Combine(folder, RunReport.FiguresFolder);
        Directory.CreateDirectory(figures);
        foreach (var series in fits.GroupBy(f => f.Series))
        {
            var plot = ScalingPlot.Create(series.Key, series.ToList());
            var stem = Path.Combine(figures, $"scaling-{series.Key}-laws");
            FigureRenderer.SavePng(stem + ".png", [plot], 900, 520);
            FigureRenderer.SaveSvg(stem + ".svg", [plot], 900, 520, $"Scaling study {series.Key}");
        }
        return Markdown(fits);
    }

    private static string Csv(IReadOnlyList<ScalingFit> fits)
    {
        var text = new StringBuilder("series,rho,quantity,points,slope,standard_error,lower_95,upper_95,r_squared,predicted\n");
        foreach (var f in fits)
            text.AppendLine(string.Join(",", f.Series, Number(f.Rho), f.Quantity, f.Points.Count.ToString(CultureInfo.InvariantCulture),
                Number(f.Fit?.Slope), Number(f.Fit?.StandardError), Number(f.Fit?.Lower95), Number(f.Fit?.Upper95),
                Number(f.Fit?.RSquared), Number(f.Predicted)));
        return text.ToString();
    }

    private static string Markdown(IReadOnlyList<ScalingFit> fits)
    {
        var text = new StringBuilder();
        text.AppendLine("## Scaling studies");
        text.AppendLine();
        text.AppendLine("Log-log least-squares slopes in d of seed-averaged quantities (n ∝ d, m ∝ n), with 95% intervals;");
        text.AppendLine("`separation` is F_min at the smallest ρ over F_min at the largest. Theory: docs/theory.md §7.");
        text.AppendLine();
        text.AppendLine("| study | ρ | quantity | points | slope | 95% interval | R² | predicted |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var f in fits)
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {f.Series} | {(double.IsNaN(f.Rho) ? "–" : f.Rho.ToString("0.###", CultureInfo.InvariantCulture))} | {f.Quantity} | {f.Points.Count} | {Short(f.Fit?.Slope)} | {(f.Fit is { } r ? $"[{r.Lower95:0.000}, {r.Upper95:0.000}]" : "–")} | {Short(f.Fit?.RSquared)} | {Short(double.IsNaN(f.Predicted) ? null : f.Predicted)} |"));
        text.AppendLine();
        return text.ToString();
    }

    private static string Number(double? v) => v is { } x && !double.IsNaN(x) ? x.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Short(double? v) => v is { } x && !double.IsNaN(x) ? x.ToString("0.000", CultureInfo.InvariantCulture) : "–";
}
