using FlatLab.Experiments.Runs;
using FlatLab.Reporting.Runs;

namespace FlatLab.Reporting.Exporters;

/// <summary>summary.md: the run's <see cref="RunSummary"/> as Markdown.</summary>
public sealed class MarkdownExporter : IRunExporter
{
    public string Name => RunFolder.SummaryFileName;

    public IReadOnlyList<string> Export(RunArtifacts run, RunFolder folder) =>
        [folder.WriteText(RunFolder.SummaryFileName, SummaryMarkdown.Render(RunSummary.Of(run)))];
}
