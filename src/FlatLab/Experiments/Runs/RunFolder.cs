namespace FlatLab.Experiments.Runs;

/// <summary>
/// The folder of one sweep run and every file name in it (docs/report.md): the spec and the case
/// store the runner writes, the tables, the manifest, the figures and the summaries the exporters
/// write. Nothing else spells these names; whole files are written through <see cref="WriteText"/>
/// and <see cref="Write"/>, atomically.
/// </summary>
public sealed class RunFolder
{
    public const string SpecFileName = "spec.json";
    public const string StoreFileName = "cases.jsonl";
    public const string ResultsCsvFileName = "results.csv";
    public const string ResultsParquetFileName = "results.parquet";
    public const string TrajectoriesCsvFileName = "trajectories.csv";
    public const string TrajectoriesParquetFileName = "trajectories.parquet";
    public const string ManifestFileName = "manifest.json";
    public const string ScalingFileName = "scaling.csv";
    public const string StatsFileName = "stats.csv";
    public const string SearchClaimsFileName = "search_claims.csv";
    public const string SummaryFileName = "summary.md";
    public const string ReportFileName = "report.html";
    public const string FiguresFolderName = "figures";
    /// <summary>The lock that admits one writing process at a time (<see cref="RunFolderLock"/>).</summary>
    public const string LockFileName = "run.lock";
    /// <summary>Where a repair of the store moves its damaged and foreign lines, exactly as they were.</summary>
    public const string QuarantineFileName = "cases.quarantine.jsonl";

    /// <summary>The report's files, for messages: "report.html, summary.md, results.csv, results.parquet, stats.csv, manifest.json, figures/".</summary>
    public static string ReportFiles =>
        $"{ReportFileName}, {SummaryFileName}, {ResultsCsvFileName}, {ResultsParquetFileName}, {StatsFileName}, {ManifestFileName}, {FiguresFolderName}/";

    public RunFolder(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = root;
    }

    /// <summary>The folder, as given.</summary>
    public string Root { get; }

    public string SpecPath => PathOf(SpecFileName);
    public string StorePath => PathOf(StoreFileName);
    public string ResultsCsvPath => PathOf(ResultsCsvFileName);
    public string ResultsParquetPath => PathOf(ResultsParquetFileName);
    public string TrajectoriesCsvPath => PathOf(TrajectoriesCsvFileName);
    public string TrajectoriesParquetPath => PathOf(TrajectoriesParquetFileName);
    public string ManifestPath => PathOf(ManifestFileName);
    public string ScalingPath => PathOf(ScalingFileName);
    public string StatsPath => PathOf(StatsFileName);
    public string SearchClaimsPath => PathOf(SearchClaimsFileName);
    public string SummaryPath => PathOf(SummaryFileName);
    public string ReportPath => PathOf(ReportFileName);
    public string FiguresPath => PathOf(FiguresFolderName);
    public string LockPath => PathOf(LockFileName);
    public string QuarantinePath => PathOf(QuarantineFileName);

    /// <summary>Whether the folder holds a run (started or finished): a spec or a case store.</summary>
    public bool HoldsRun => File.Exists(SpecPath) || File.Exists(StorePath);

    /// <summary>A file of the folder, by its path relative to it (e.g. "figures/figure-2.svg").</summary>
    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    /// <summary>Creates the folder (and its parents) when missing.</summary>
    public void Create() => Directory.CreateDirectory(Root);

    /// <summary>Takes the folder's exclusive lock (it must exist); <see cref="RunFolderInUseException"/> when another process holds it.</summary>
    public RunFolderLock Lock() => RunFolderLock.Acquire(Root);

    /// <summary>Writes a file of the folder atomically, creating the folder (and a subfolder such as figures/) first.</summary>
    public string Write(string relativePath, Action<Stream> write)
    {
        var path = Prepare(relativePath);
        AtomicFileWriter.Write(path, write);
        return path;
    }

    /// <summary>Writes a text file of the folder atomically (UTF-8 without BOM, as given).</summary>
    public string WriteText(string relativePath, string text)
    {
        var path = Prepare(relativePath);
        AtomicFileWriter.WriteAllText(path, text);
        return path;
    }

    private string Prepare(string relativePath)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return path;
    }

    /// <summary>The figure of one panel, without extension: "panel-" and its name with any character outside [A-Za-z0-9_-] as '-'.</summary>
    public static string PanelFigureStem(string panel) => "panel-" + SafeStem(panel);

    /// <summary>The composite of one figure value (PanelSpec.Figure), without extension: "figure-2"; "figure-other" for panels without one.</summary>
    public static string CompositeFigureStem(string figure) => "figure-" + (string.IsNullOrWhiteSpace(figure) ? "other" : SafeStem(figure));

    /// <summary>The composite of one figure value with every seed drawn, without extension: "figure-2-seeds".</summary>
    public static string CompositeSeedsFigureStem(string figure) => CompositeFigureStem(figure) + "-seeds";

    /// <summary>The fitted laws of one scaling study, without extension: "scaling-relu-laws".</summary>
    public static string ScalingFigureStem(string series) => "scaling-" + SafeStem(series) + "-laws";

    /// <summary>A figure's file name: "&lt;stem&gt;.&lt;extension&gt;" (png, svg or pdf).</summary>
    public static string FigureFileName(string stem, string extension) => stem + "." + extension;

    /// <summary>A figure file's path relative to the run folder: "figures/&lt;stem&gt;.&lt;extension&gt;".</summary>
    public static string FigureFile(string stem, string extension) => Path.Combine(FiguresFolderName, FigureFileName(stem, extension));

    /// <summary>A name safe in any file system: letters, digits, '-' and '_' kept, anything else '-'.</summary>
    private static string SafeStem(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());

    public override string ToString() => Root;
}
