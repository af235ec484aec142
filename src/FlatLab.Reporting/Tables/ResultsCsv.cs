using System.Globalization;
using System.Text;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Runs;

namespace FlatLab.Reporting.Tables;

/// <summary>
/// results.csv: RFC 4180 (comma separated, fields quoted when they hold a comma, quote or line break,
/// quotes doubled), UTF-8 without BOM, '\n' line ends, a header of snake_case column names. Numbers in
/// the invariant culture, doubles in round-trip form ("R"), so the text gives back the same bits;
/// NaN, +∞ and −∞ are written <c>NaN</c>, <c>Infinity</c> and <c>-Infinity</c>; booleans <c>true</c>/<c>false</c>;
/// enums by their snake_case names (<see cref="SnakeCaseEnum"/>).
/// </summary>
internal static class ResultsCsv
{
    public static void Write(string path, IReadOnlyList<CaseResult> rows)
    {
        var columns = ResultsColumns.All;
        AtomicFileWriter.WriteText(path, w =>
        {
            w.Write(string.Join(",", columns.Select(c => c.Name)));
            w.Write('\n');
            var fields = new string[columns.Count];
            foreach (var row in rows)
            {
                for (var j = 0; j < columns.Count; j++) fields[j] = Quote(Format(columns[j], row));
                w.Write(string.Join(",", fields));
                w.Write('\n');
            }
        });
    }

    public static IReadOnlyList<CaseResult> Read(string path)
    {
        var records = Parse(File.ReadAllText(path, Encoding.UTF8), path);
        if (records.Count == 0) throw new InvalidDataException($"'{path}' is empty; expected a header line of results columns.");
        var header = records[0].Fields;
        var index = new int[ResultsColumns.All.Count];
        for (var j = 0; j < index.Length; j++)
        {
            index[j] = Array.IndexOf(header, ResultsColumns.All[j].Name);
            if (index[j] < 0) throw new InvalidDataException($"'{path}' has no column '{ResultsColumns.All[j].Name}'; it is not a FlatLab results table.");
        }
        var rows = new List<CaseResult>(records.Count - 1);
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Length != header.Length)
                throw new InvalidDataException($"'{path}', line {line}: {fields.Length} fields but the header has {header.Length}.");
            var row = ResultsColumns.Blank();
            for (var j = 0; j < index.Length; j++)
            {
                var column = ResultsColumns.All[j];
                column.Set(row, ParseValue(column, fields[index[j]], path, line));
            }
            rows.Add(row);
        }
        return rows;
    }

    internal static string Format(ResultsColumn column, object row)
    {
        var value = column.Get(row);
        return column.Kind switch
        {
            ResultsColumnKind.Double => ((double)value).ToString("R", CultureInfo.InvariantCulture),
            ResultsColumnKind.Int => ((int)value).ToString(CultureInfo.InvariantCulture),
            ResultsColumnKind.Bool => (bool)value ? "true" : "false",
            ResultsColumnKind.UInt64 => ((ulong)value).ToString(CultureInfo.InvariantCulture),
            ResultsColumnKind.Enum => SnakeCaseEnum.Name(column.EnumType!, value),
            _ => (string)value,
        };
    }

    internal static object ParseValue(ResultsColumn column, string text, string path, int line)
    {
        switch (column.Kind)
        {
            case ResultsColumnKind.String:
                return text;
            case ResultsColumnKind.Int:
                if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)) return i;
                break;
            case ResultsColumnKind.Bool:
                if (bool.TryParse(text, out var b)) return b;
                break;
            case ResultsColumnKind.UInt64:
                if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var u)) return u;
                break;
            case ResultsColumnKind.Enum:
                try
                {
                    return SnakeCaseEnum.Parse(column.EnumType!, text);
                }
                catch (FormatException e)
                {
                    throw new InvalidDataException($"'{path}', line {line}, column '{column.Name}': {e.Message}");
                }
            case ResultsColumnKind.Double:
                if (TryParseDouble(text, out var d)) return d;
                break;
        }
        throw new InvalidDataException($"'{path}', line {line}, column '{column.Name}': '{text}' is not a valid {column.Kind.ToString().ToLowerInvariant()}.");
    }

    /// <summary>Round-trip numbers, with NaN and infinities also in the spellings other tools write (empty, nan, inf).</summary>
    private static bool TryParseDouble(string text, out double value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "" or "nan": value = double.NaN; return true;
            case "inf" or "+inf" or "infinity" or "+infinity": value = double.PositiveInfinity; return true;
            case "-inf" or "-infinity": value = double.NegativeInfinity; return true;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    internal static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";

    /// <summary>RFC 4180 records with the line each starts on; a quoted field may span lines.</summary>
    internal static List<(int Line, string[] Fields)> Parse(string text, string path)
    {
        var records = new List<(int, string[])>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, start = 1, i = 0;
        var any = false; // the current record has content
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && field.Length == 0)
            {
                var open = line;
                i++;
                while (true)
                {
                    if (i >= text.Length) throw new InvalidDataException($"'{path}', line {open}: a quoted field is never closed.");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    if (text[i] == '\n') line++;
                    field.Append(text[i++]);
                }
                any = true;
                continue;
            }
            if (c == ',') { fields.Add(field.ToString()); field.Clear(); any = true; i++; continue; }
            if (c == '\r' || c == '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                i++;
                if (any || field.Length > 0) { fields.Add(field.ToString()); records.Add((start, fields.ToArray())); }
                fields.Clear();
                field.Clear();
                any = false;
                line++;
                start = line;
                continue;
            }
            field.Append(c);
            any = true;
            i++;
        }
        if (any || field.Length > 0) { fields.Add(field.ToString()); records.Add((start, fields.ToArray())); }
        return records;
    }
}
