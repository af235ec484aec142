using FlatLab.Experiments.Results;

namespace FlatLab.Reporting.Tables;

/// <summary>
/// The results table of a sweep, one row per case ordered by case_index, with the columns of
/// <see cref="ResultsColumns.All"/> (docs/results-schema.md), as CSV or Parquet. Writes are atomic.
/// </summary>
public static class ResultsTable
{
    /// <summary>Reads a table written by <see cref="WriteCsv"/> or <see cref="WriteParquet"/> (by extension: .parquet, else CSV).</summary>
    public static IReadOnlyList<CaseResult> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Results table '{path}' does not exist.", path);
        return path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? ResultsParquet.Read(path) : ResultsCsv.Read(path);
    }

    public static void WriteCsv(string path, IReadOnlyList<CaseResult> rows)
    {
        ArgumentNullException.ThrowIfNull(path);
        ResultsCsv.Write(path, Ordered(rows));
    }

    public static void WriteParquet(string path, IReadOnlyList<CaseResult> rows)
    {
        ArgumentNullException.ThrowIfNull(path);
        ResultsParquet.Write(path, Ordered(rows));
    }

    private static List<CaseResult> Ordered(IReadOnlyList<CaseResult> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var ordered = rows.OrderBy(r => r.CaseIndex).ToList();
        for (var i = 1; i < ordered.Count; i++)
            if (ordered[i].CaseIndex == ordered[i - 1].CaseIndex)
                throw new ArgumentException($"Cases '{ordered[i - 1].CaseKey}' and '{ordered[i].CaseKey}' share case_index {ordered[i].CaseIndex}.", nameof(rows));
        return ordered;
    }
}
