using FlatLab.Experiments.Runs;
using FlatLab.Reporting.Figures;
using FlatLab.Reporting.Runs;

namespace FlatLab.Reporting.Exporters;

/// <summary>figures/: every rendered figure of the run as PNG and SVG (docs/report.md).</summary>
public sealed class FigureExporter : IRunExporter
{
    public string Name => RunFolder.FiguresFolderName;

    public IReadOnlyList<string> Export(RunArtifacts run, RunFolder folder) =>
        run.Figures.Count == 0 ? [] : FigureSet.Write(run.Figures, folder.FiguresPath);
}
