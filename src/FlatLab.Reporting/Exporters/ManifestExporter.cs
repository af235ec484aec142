using FlatLab.Experiments.Runs;
using FlatLab.Reporting.Runs;

namespace FlatLab.Reporting.Exporters;

/// <summary>manifest.json: where and how the run was produced (nothing when the run has no manifest).</summary>
public sealed class ManifestExporter : IRunExporter
{
    public string Name => RunFolder.ManifestFileName;

    public IReadOnlyList<string> Export(RunArtifacts run, RunFolder folder) =>
        run.Manifest is { } manifest ? [folder.WriteText(RunFolder.ManifestFileName, RunManifestJson.Write(manifest) + "\n")] : [];
}
