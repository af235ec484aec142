using FlatLab.Experiments.Runs;
using FlatLab.Reporting.Runs;

namespace FlatLab.Reporting.Exporters;

/// <summary>report.html: the run's <see cref="RunSummary"/> as one self-contained page, with the rendered figures embedded.</summary>
public sealed class HtmlExporter : IRunExporter
{
    public string Name => RunFolder.ReportFileName;

    public IReadOnlyList<string> Export(RunArtifacts run, RunFolder folder) =>
        [folder.WriteText(RunFolder.ReportFileName, ReportHtml.Render(RunSummary.Of(run)))];
}
