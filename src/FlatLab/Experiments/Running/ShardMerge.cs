using System.Text;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Runs;
using FlatLab.Experiments.Specs;

namespace FlatLab.Experiments.Running;

/// <summary>
/// Joins the run folders of shards (<c>--shard I/N</c>) into the table one run of the whole spec
/// gives: all specs must be identical, a case found in two shards must have identical rows (up to
/// the timing columns), and every case of the spec must be present unless a partial merge is asked
/// for. Every problem is an <see cref="ArgumentException"/> naming the folder.
/// </summary>
public static class ShardMerge
{
    /// <summary>Reads and checks the shard folders; does not write anything.</summary>
    public static ShardMergeResult Read(IReadOnlyList<string> shardFolders)
    {
        if (shardFolders.Count == 0) throw new ArgumentException("No shard folders given.");
        var twice = shardFolders.GroupBy(Path.GetFullPath).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ArgumentException($"Shard folder '{twice.First()}' is given more than once.");

        SweepSpec? spec = null;
        string specText = "", firstFolder = "";
        StoredRowCheck? check = null;
        var found = new Dictionary<string, (CaseResult Row, string Folder)>();
        var overlapping = 0;
        foreach (var folder in shardFolders)
        {
            var (shardSpec, text) = ReadSpec(folder);
            if (spec is null)
            {
                (spec, specText, firstFolder) = (shardSpec, text, folder);
            }
            else if (text != specText)
            {
                throw new ArgumentException(
                    $"'{folder}' holds a run of a different spec than '{firstFolder}' ({FirstDifference(specText, text)}); " +
                    "only shards of one spec can be merged.");
            }

            check ??= new StoredRowCheck(spec);
            foreach (var stored in ReadRows(folder, check))
            {
                // A shard resumed with more seeds, rho values or grid cells holds rows indexed by the smaller spec.
                var row = check.Indexed(stored);
                if (found.TryGetValue(row.CaseKey, out var earlier))
                {
                    if (!SameExceptTiming(earlier.Row, row))
                        throw new ArgumentException(
                            $"Case '{row.CaseKey}' is in '{earlier.Folder}' and in '{folder}' with different results; " +
                            "the shards were not run from the same spec and code.");
                    overlapping++;
                    continue;
                }
                found.Add(row.CaseKey, (row, folder));
            }
        }

        var ordered = SweepCase.Expand(spec!);
        var rows = ordered.Where(c => found.ContainsKey(c.Key)).Select(c => found[c.Key].Row).ToList();
        var missing = ordered.Where(c => !found.ContainsKey(c.Key)).Select(c => c.Key).ToList();
        return new ShardMergeResult(spec!, rows, missing, overlapping, shardFolders.ToList());
    }

    /// <summary>
    /// Writes <c>spec.json</c> and <c>cases.jsonl</c> (rows in canonical order) into <paramref name="folder"/>,
    /// each atomically, so the folder is a finished run like one a single <c>flatlab sweep</c> leaves.
    /// A folder holding a run of another spec, or one of the shards, is refused.
    /// </summary>
    public static void Write(string folder, ShardMergeResult merged)
    {
        CheckOutputFolder(folder, merged.Folders);
        var text = SweepSpecJson.Write(merged.Spec);
        var run = new RunFolder(folder);
        if (File.Exists(run.SpecPath) && File.ReadAllText(run.SpecPath) != text)
            throw new ArgumentException($"'{folder}' already holds a run of a different spec; choose another output folder.");

        var lines = new StringBuilder();
        foreach (var row in merged.Rows) lines.Append(CaseResultJson.Write(row)).Append('\n');
        run.WriteText(RunFolder.SpecFileName, text);
        run.WriteText(RunFolder.StoreFileName, lines.ToString());
    }

    /// <summary>The merge's output must not be one of its shards.</summary>
    public static void CheckOutputFolder(string folder, IReadOnlyList<string> shardFolders)
    {
        var full = Path.GetFullPath(folder);
        if (shardFolders.Any(f => PathsEqual(Path.GetFullPath(f), full)))
            throw new ArgumentException($"The output folder '{folder}' is one of the shards; choose another folder.");
    }

    /// <summary>
    /// Equal in every column except solve_seconds and case_seconds, which differ between any two runs;
    /// numbers must be bit-identical (compared through their round-trip text, so 0 and -0 differ).
    /// </summary>
    public static bool SameExceptTiming(CaseResult a, CaseResult b) =>
        CaseResultJson.Write(WithoutTiming(a)) == CaseResultJson.Write(WithoutTiming(b));

    public static CaseResult WithoutTiming(CaseResult row) => row with { SolveSeconds = double.NaN, CaseSeconds = double.NaN };

    private static (SweepSpec Spec, string Text) ReadSpec(string folder)
    {
        if (!Directory.Exists(folder)) throw new ArgumentException($"Shard folder '{folder}' does not exist.");
        var path = new RunFolder(folder).SpecPath;
        if (!File.Exists(path))
            throw new ArgumentException($"'{folder}' holds no {RunFolder.SpecFileName}; it is not a sweep run folder.");
        try
        {
            var spec = SweepSpecJson.Load(path);
            return (spec, SweepSpecJson.Write(spec));
        }
        catch (SpecException e)
        {
            throw new ArgumentException($"'{path}': {e.Message}", e);
        }
    }

    /// <summary>The shard's rows, each checked against the spec; a damaged or foreign line is an error naming it.</summary>
    private static IReadOnlyCollection<CaseResult> ReadRows(string folder, StoredRowCheck check)
    {
        var path = new RunFolder(folder).StorePath;
        if (!File.Exists(path))
            throw new ArgumentException($"'{folder}' holds no {RunFolder.StoreFileName}; its shard has not started.");
        try
        {
            return ResultStore.Read(path, check.Mismatch);
        }
        catch (ResultStoreException e)
        {
            throw new ArgumentException(e.Message, e);
        }
    }

    /// <summary>The first line where two spec texts differ, for a message that points at the field.</summary>
    private static string FirstDifference(string a, string b)
    {
        var la = a.Split('\n');
        var lb = b.Split('\n');
        for (var i = 0; i < Math.Min(la.Length, lb.Length); i++)
            if (la[i] != lb[i]) return $"'{la[i].Trim().TrimEnd(',')}' against '{lb[i].Trim().TrimEnd(',')}'";
        return "one has more fields";
    }

    private static bool PathsEqual(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(a), Path.TrimEndingDirectorySeparator(b),
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
