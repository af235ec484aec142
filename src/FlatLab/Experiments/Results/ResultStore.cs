using System.Text;
using System.Text.Json;
using FlatLab.Experiments.Runs;

namespace FlatLab.Experiments.Results;

/// <summary>
/// The durable record of a run: one JSON line per finished case, appended (O_APPEND, never at a
/// remembered offset) and flushed to disk (fsync) before the case counts as done. Its writer holds
/// the run folder's <see cref="RunFolderLock"/>. Opening it checks every line: a partial last line
/// left by a killed run is cut (<see cref="StoreRecovery.TornBytes"/>); a damaged line anywhere, a
/// row that is not a case of the run's spec, or a case stored twice is an error naming its line,
/// never reused, unless the store is opened to repair, which moves such lines to
/// <see cref="RunFolder.QuarantineFileName"/> so that their cases are computed again.
/// </summary>
public sealed class ResultStore : IDisposable
{
    /// <summary>How many problem lines an error message lists.</summary>
    private const int LinesShown = 3;

    private readonly AppendOnlyFile _file;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CaseResult> _rows;

    private ResultStore(AppendOnlyFile file, Dictionary<string, CaseResult> rows, StoreRecovery recovery)
    {
        _file = file;
        _rows = rows;
        Recovery = recovery;
    }

    /// <summary>What opening the store had to mend.</summary>
    public StoreRecovery Recovery { get; }

    public IReadOnlyCollection<CaseResult> Rows
    {
        get { lock (_gate) return _rows.Values.ToList(); }
    }

    public bool Contains(string key)
    {
        lock (_gate) return _rows.ContainsKey(key);
    }

    /// <summary>
    /// Opens (or creates) the store at <paramref name="path"/> for appending; the caller holds the run
    /// folder's lock. <paramref name="check"/> says why a row does not belong to the run (null when it
    /// does). Throws <see cref="ResultStoreException"/> on damaged or foreign lines unless
    /// <paramref name="repair"/>, which quarantines them.
    /// </summary>
    public static ResultStore Open(string path, Func<CaseResult, string?>? check = null, bool repair = false)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        RunFolderPaths.RefuseLink(path, folder);
        var quarantinePath = Path.Combine(folder, RunFolder.QuarantineFileName);
        RunFolderPaths.RefuseLink(quarantinePath, folder);

        var scan = Scan(path, check);
        if (scan.Problems.Count > 0 && !repair) throw new ResultStoreException(path, scan.Problems.Select(p => p.Line).ToList(), Describe(path, scan.Problems));
        if (scan.Problems.Count > 0)
        {
            using (var quarantine = new AppendOnlyFile(quarantinePath))
                quarantine.Append(Encoding.UTF8.GetBytes(string.Concat(scan.Problems.OrderBy(p => p.Line).Select(p => p.Text + "\n"))));
            AtomicFileWriter.WriteAllText(path, string.Concat(scan.Kept.Select(l => l + "\n")));
        }
        else if (scan.TornBytes > 0)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            stream.SetLength(scan.CompleteLength);
            stream.Flush(flushToDisk: true);
        }
        var recovery = new StoreRecovery(scan.TornBytes, scan.Problems.Count, quarantinePath,
            scan.Problems.OrderBy(p => p.Line).Select(p => $"line {p.Line}: {p.Reason}").ToList());
        return new ResultStore(new AppendOnlyFile(path), scan.Rows, recovery);
    }

    /// <summary>
    /// The rows of a store, read without changing it (a merge reads shards this way); a partial last
    /// line is left out, every other problem throws <see cref="ResultStoreException"/>.
    /// </summary>
    public static IReadOnlyCollection<CaseResult> Read(string path, Func<CaseResult, string?>? check = null)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        RunFolderPaths.RefuseLink(path, folder);
        var scan = Scan(path, check);
        if (scan.Problems.Count > 0) throw new ResultStoreException(path, scan.Problems.Select(p => p.Line).ToList(), Describe(path, scan.Problems));
        return scan.Rows.Values;
    }

    /// <summary>Appends a finished case and flushes it to disk; a key already stored is ignored.</summary>
    public void Append(CaseResult row)
    {
        var line = Encoding.UTF8.GetBytes(CaseResultJson.Write(row) + "\n");
        lock (_gate)
        {
            if (!_rows.TryAdd(row.CaseKey, row)) return;
            _file.Append(line);
        }
    }

    public void Dispose() => _file.Dispose();

    private sealed record Problem(int Line, string Reason, string Text);

    private sealed record ScanResult(Dictionary<string, CaseResult> Rows, List<string> Kept, List<Problem> Problems,
        long CompleteLength, long TornBytes);

    /// <summary>Reads every complete line, keeping those that are a case of the run, once.</summary>
    private static ScanResult Scan(string path, Func<CaseResult, string?>? check)
    {
        var bytes = File.Exists(path) ? File.ReadAllBytes(path) : [];
        var end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        var rows = new Dictionary<string, CaseResult>();
        var lineOf = new Dictionary<string, int>();
        var kept = new List<(int Line, string Text)>();
        var problems = new List<Problem>();
        var lines = Encoding.UTF8.GetString(bytes, 0, end).Split('\n');
        for (var i = 0; i < lines.Length - 1; i++)
        {
            var text = lines[i];
            var number = i + 1;
            if (string.IsNullOrWhiteSpace(text)) continue;
            CaseResult row;
            try
            {
                row = CaseResultJson.Read(text);
            }
            catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
            {
                problems.Add(new Problem(number, $"not a case record ({e.Message})", text));
                continue;
            }
            if (check?.Invoke(row) is { } reason)
            {
                problems.Add(new Problem(number, reason, text));
                continue;
            }
            if (lineOf.TryGetValue(row.CaseKey, out var first))
            {
                if (!rows.ContainsKey(row.CaseKey))
                {
                    problems.Add(new Problem(number, $"case '{row.CaseKey}' again (first on line {first})", text));
                    continue;
                }
                // Two records of one case: the later one is surplus; if they differ, neither can be trusted.
                var same = Comparable(rows[row.CaseKey]) == Comparable(row);
                problems.Add(new Problem(number, same
                    ? $"case '{row.CaseKey}' again (first on line {first})"
                    : $"case '{row.CaseKey}' again with different results (first on line {first})", text));
                if (!same)
                {
                    rows.Remove(row.CaseKey);
                    var index = kept.FindIndex(k => k.Line == first);
                    problems.Add(new Problem(first, $"case '{row.CaseKey}' again on line {number} with different results", kept[index].Text));
                    kept.RemoveAt(index);
                }
                continue;
            }
            lineOf.Add(row.CaseKey, number);
            rows.Add(row.CaseKey, row);
            kept.Add((number, text));
        }
        problems.Sort((a, b) => a.Line.CompareTo(b.Line));
        return new ScanResult(rows, kept.Select(k => k.Text).ToList(), problems, end, bytes.Length - end);
    }

    /// <summary>The row without its wall-clock timings, which differ between two runs of one case.</summary>
    private static string Comparable(CaseResult row) =>
        CaseResultJson.Write(row with { SolveSeconds = double.NaN, CaseSeconds = double.NaN });

    private static string Describe(string path, List<Problem> problems)
    {
        var shown = string.Join("; ", problems.Take(LinesShown).Select(p => $"line {p.Line}: {p.Reason}"));
        var more = problems.Count > LinesShown ? $"; and {problems.Count - LinesShown} more" : "";
        var count = problems.Count == 1 ? "a line that is" : $"{problems.Count} lines that are";
        return $"'{path}' holds {count} damaged or not of this run ({shown}{more}); none of its rows was used. " +
               $"Resume the run with --repair to move such lines to {RunFolder.QuarantineFileName} and compute their cases again.";
    }
}
