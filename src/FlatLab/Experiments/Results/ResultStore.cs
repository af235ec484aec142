using System.Text;
using System.Text.Json;

namespace FlatLab.Experiments.Results;

/// <summary>
/// The durable record of a run: one JSON line per finished case, appended and flushed to disk
/// (fsync) before the case counts as done. A run killed mid-write leaves at most one partial last
/// line, which <see cref="Open"/> cuts off, so a resumed run neither loses nor duplicates a case.
/// </summary>
public sealed class ResultStore : IDisposable
{
    private readonly FileStream _stream;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CaseResult> _rows;

    private ResultStore(FileStream stream, Dictionary<string, CaseResult> rows)
    {
        _stream = stream;
        _rows = rows;
    }

    public IReadOnlyCollection<CaseResult> Rows
    {
        get { lock (_gate) return _rows.Values.ToList(); }
    }

    public bool Contains(string key)
    {
        lock (_gate) return _rows.ContainsKey(key);
    }

    /// <summary>Opens (or creates) the store at <paramref name="path"/>, keeping every complete record.</summary>
    public static ResultStore Open(string path)
    {
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        var end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        var rows = new Dictionary<string, CaseResult>();
        foreach (var line in Encoding.UTF8.GetString(bytes, 0, end).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            CaseResult row;
            try
            {
                row = CaseResultJson.Read(line);
            }
            catch (JsonException e)
            {
                stream.Dispose();
                throw new InvalidDataException($"'{path}' holds a corrupt record ({e.Message}); it is not a FlatLab case store.");
            }
            rows.TryAdd(row.CaseKey, row);
        }
        stream.SetLength(end); // drop a partial last line left by a killed run
        stream.Seek(end, SeekOrigin.Begin);
        return new ResultStore(stream, rows);
    }

    /// <summary>Appends a finished case and flushes it to disk; a key already stored is ignored.</summary>
    public void Append(CaseResult row)
    {
        var line = Encoding.UTF8.GetBytes(CaseResultJson.Write(row) + "\n");
        lock (_gate)
        {
            if (!_rows.TryAdd(row.CaseKey, row)) return;
            _stream.Write(line);
            _stream.Flush(flushToDisk: true);
        }
    }

    public void Dispose() => _stream.Dispose();
}
