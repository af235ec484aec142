using System.Globalization;
using System.Text;

namespace FlatLab.Bench;

/// <summary>Formats benchmark rows as a Markdown table and as CSV (stable snake_case columns).</summary>
public static class ResultTable
{
    public static readonly string[] CsvColumns =
        ["n", "m", "d", "rank", "activation", "p", "method", "seconds", "ratio_to_flatlab", "iterations", "objective",
         "relative_difference", "status", "note"];

    public static string Markdown(IReadOnlyList<BenchRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| n | m | d | rank | activation | p | method | seconds | ratio to FlatLab | iterations | objective | rel. diff. to FlatLab | status | note |");
        text.AppendLine("|---:|---:|---:|---:|---|---:|---|---:|---:|---:|---:|---:|---|---|");
        foreach (var r in rows)
            text.AppendLine(string.Join(" | ",
                $"| {r.N}", r.M, r.D, r.Rank, r.Activation, FormatP(r.P), r.Method, Seconds(r.Seconds), Ratio(r.Ratio),
                r.Iterations?.ToString(CultureInfo.InvariantCulture) ?? "", Objective(r.Objective),
                Difference(r.RelativeDifference), r.Status, r.Note + " |"));
        return text.ToString();
    }

    public static string Csv(IReadOnlyList<BenchRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(',', CsvColumns));
        foreach (var r in rows)
            text.AppendLine(string.Join(',',
                r.N, r.M, r.D, r.Rank, r.Activation, R(r.P), r.Method, R(r.Seconds), R(r.Ratio),
                r.Iterations?.ToString(CultureInfo.InvariantCulture) ?? "", R(r.Objective), R(r.RelativeDifference),
                Quote(r.Status), Quote(r.Note)));
        return text.ToString();
    }

    public static string FormatP(double p) => Math.Abs(p - 4.0 / 3) < 1e-12 ? "4/3" : p.ToString("0.###", CultureInfo.InvariantCulture);

    private static string R(double v) => double.IsNaN(v) ? "" : v.ToString("R", CultureInfo.InvariantCulture);

    private static string Seconds(double s) => double.IsNaN(s) ? "" : s < 10 ? s.ToString("0.000", CultureInfo.InvariantCulture) : s.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Ratio(double r) => double.IsNaN(r) ? "" : r < 10 ? r.ToString("0.00", CultureInfo.InvariantCulture) : r.ToString("0", CultureInfo.InvariantCulture);

    private static string Objective(double v) => double.IsNaN(v) ? "" : v.ToString("G10", CultureInfo.InvariantCulture);

    private static string Difference(double v) => double.IsNaN(v) ? "" : v == 0 ? "0" : v.ToString("0.0e+0", CultureInfo.InvariantCulture);

    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? $"\"{s.Replace("\"", "\"\"")}\"" : s;
}
