using System.Globalization;
using System.Text;
using FlatLab.Experiments.Analysis;
using FlatLab.Experiments.Runs;
using FlatLab.Reporting.Runs;

namespace FlatLab.Reporting.Exporters;

/// <summary>scaling.csv: every fitted law of the run's scaling studies (docs/theory.md §7); nothing without any.</summary>
public sealed class ScalingExporter : IRunExporter
{
    public string Name => RunFolder.ScalingFileName;

    public IReadOnlyList<string> Export(RunArtifacts run, RunFolder folder) =>
        run.Spec is { Scaling.Length: > 0 } ? [folder.WriteText(RunFolder.ScalingFileName, Csv(run.Scaling))] : [];

    /// <summary>The columns of scaling.csv, documented in docs/theory.md §7.2.</summary>
    public const string Header = "series,rho,quantity,points,seeds,slope,lower,upper,level,resamples,ols_lower_95,ols_upper_95,r_squared," +
                                 "predicted,predicted_asymptotic,claim,verdict,reason";

    private static string Csv(IReadOnlyList<ScalingFit> fits)
    {
        var text = new StringBuilder(Header + "\n");
        foreach (var f in fits)
            text.AppendLine(string.Join(",", f.Series, Number(f.Rho), f.Quantity, Int(f.Points.Count), Int(f.Slope.Seeds),
                Number(f.Fit?.Slope), Number(f.Slope.Lower), Number(f.Slope.Upper), Number(f.Slope.Level), Int(f.Slope.Resamples),
                Number(f.Fit?.Lower95), Number(f.Fit?.Upper95), Number(f.Fit?.RSquared), Number(f.Predicted), Number(f.AsymptoticExponent),
                f.Verdict?.Claim.ToSnakeCase() ?? "", f.Verdict?.Status.ToSnakeCase() ?? "", Quote(f.Verdict?.Text ?? "")));
        return text.ToString();
    }

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>RFC 4180 quoting: the reason holds commas.</summary>
    private static string Quote(string text) => text.Length == 0 ? "" : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Number(double? v) => v is { } x && !double.IsNaN(x) ? x.ToString("R", CultureInfo.InvariantCulture) : "";
}
