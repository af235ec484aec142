namespace FlatLab.Reporting.Exporters;

/// <summary>The exporters of a run folder, in the order they write.</summary>
public static class RunExporters
{
    /// <summary>The full report of a finished run (a sweep of the whole spec, or a merge).</summary>
    public static IReadOnlyList<IRunExporter> Report { get; } =
    [
        new ResultsCsvExporter(), new ResultsParquetExporter(), new TrajectoryExporter(), new ManifestExporter(),
        new FigureExporter(), new ScalingExporter(), new StatsExporter(), new SearchClaimsExporter(), new MarkdownExporter(), new HtmlExporter(),
    ];

    /// <summary>A shard's: its rows are part of a sweep, whose report the merge writes; the shard records how it ran.</summary>
    public static IReadOnlyList<IRunExporter> Shard { get; } = [new ManifestExporter()];
}
