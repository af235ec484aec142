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

    private static string Csv(IReadOnlyList<ScalingFit> fits)
    {
        var text = new StringBuilder("series,rho,quantity,points,slope,standard_error,lower_95,upper_95,r_squared,predicted\n");
        foreach (var f in fits)
            text.AppendLine(string.Join(",", f.Series, Number(f.Rho), f.Quantity, f.Points.Count.ToString(CultureInfo.InvariantCulture),
                Number(f.Fit?.Slope), Number(f.Fit?.StandardError), Number(f.Fit?.Lower95), Number(f.Fit?.Upper95),
                Number(f.Fit?.RSquared), Number(f.Predicted)));
        return text.ToString();
    }

    private static string Number(double? v) => v is { } x && !double.IsNaN(x) ? x.ToString("R", CultureInfo.InvariantCulture) : "";
}
