using FlatLab.Experiments.Runs;
using FlatLab.Reporting.Runs;

namespace FlatLab.Reporting.Exporters;

/// <summary>
/// search_claims.csv: per panel with searches, the statistics of its flattest converged searches with their intervals
/// and the verdicts on them (docs/theory.md §9), in the columns of stats.csv; nothing without searches.
/// </summary>
public sealed class SearchClaimsExporter : IRunExporter
{
    public string Name => RunFolder.SearchClaimsFileName;

    public IReadOnlyList<string> Export(RunArtifacts run, RunFolder folder) =>
        run.SearchClaims.Count > 0 ? [folder.WriteText(RunFolder.SearchClaimsFileName, StatsExporter.Csv(run.SearchClaims))] : [];
}
