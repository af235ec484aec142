using System.ComponentModel;
using System.Reflection;
using System.Text;
using FlatLab.Experiments.Results;

namespace FlatLab.Reporting.Tables;

/// <summary>
/// The generated parts of docs/results-schema.md: the column table (from <see cref="ResultsColumns.All"/>),
/// the status table (from <see cref="CaseStatus"/>) and the trajectory table's columns
/// (<see cref="TrajectoryTable"/>). Each sits between
/// <c>&lt;!-- generated: NAME --&gt;</c> and <c>&lt;!-- end generated --&gt;</c>; the prose around them is
/// written by hand. A test checks the committed file against <see cref="Render"/> and rewrites it when
/// FLATLAB_REGENERATE_DOCS=1 is set.
/// </summary>
public static class ResultsSchemaDoc
{
    private const string End = "<!-- end generated -->";

    /// <summary><paramref name="document"/> with every generated section replaced by its current text.</summary>
    public static string Render(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = document.ReplaceLineEndings("\n");
        foreach (var (name, body) in Sections())
        {
            var begin = $"<!-- generated: {name} -->";
            var start = text.IndexOf(begin, StringComparison.Ordinal);
            if (start < 0) throw new InvalidDataException($"The schema document has no '{begin}' marker.");
            var stop = text.IndexOf(End, start, StringComparison.Ordinal);
            if (stop < 0) throw new InvalidDataException($"The '{begin}' section of the schema document never ends ('{End}').");
            text = text[..(start + begin.Length)] + "\n" + body + text[stop..];
        }
        return text;
    }

    private static IEnumerable<(string Name, string Body)> Sections() =>
        [("columns", ColumnTable()), ("statuses", StatusTable()), ("trajectory-columns", TrajectoryColumnTable())];

    /// <summary>| # | column | type | unit | meaning |, one line per column in table order.</summary>
    public static string ColumnTable()
    {
        var md = new StringBuilder("| # | column | type | unit | meaning |\n|---|---|---|---|---|\n");
        var i = 0;
        foreach (var c in ResultsColumns.All)
        {
            var meaning = c.Meaning;
            if (c.EnumType is { } type)
                meaning += " One of " + string.Join(", ", EnumNames(type).Select(n => $"`{n}`")) + ".";
            md.Append($"| {++i} | `{c.Name}` | {TypeName(c.Kind)} | {Cell(c.Unit)} | {Cell(meaning)} |\n");
        }
        return md.ToString();
    }

    /// <summary>| column | type | unit | meaning | of trajectories.csv and .parquet: the key columns, then a point's.</summary>
    public static string TrajectoryColumnTable()
    {
        var md = new StringBuilder("| column | type | unit | meaning |\n|---|---|---|---|\n");
        foreach (var c in TrajectoryTable.Keys)
            md.Append($"| `{c.Name}` | {TypeName(c.Kind)} | {Cell(c.Unit)} | As in the results table. |\n");
        foreach (var c in TrajectoryTable.PointColumns)
            md.Append($"| `{c.Name}` | {TypeName(c.Kind)} | {Cell(c.Unit)} | {Cell(c.Meaning)} |\n");
        return md.ToString();
    }

    /// <summary>| status | has solution | usable | meaning |, in the enum's order.</summary>
    public static string StatusTable()
    {
        var md = new StringBuilder("| status | has solution | usable | meaning |\n|---|---|---|---|\n");
        foreach (var status in Enum.GetValues<CaseStatus>())
        {
            var meaning = typeof(CaseStatus).GetField(status.ToString())!.GetCustomAttribute<DescriptionAttribute>()?.Description
                ?? throw new InvalidOperationException($"CaseStatus.{status} has no description.");
            md.Append($"| `{status.ToSnakeCase()}` | {YesNo(status.HasSolution())} | {YesNo(status.IsUsable())} | {Cell(meaning)} |\n");
        }
        return md.ToString();
    }

    private static IEnumerable<string> EnumNames(Type type) =>
        Enum.GetValues(type).Cast<object>().Select(v => SnakeCaseEnum.Name(type, v));

    private static string TypeName(ResultsColumnKind kind) => kind switch
    {
        ResultsColumnKind.Int => "int32",
        ResultsColumnKind.Double => "double",
        ResultsColumnKind.Bool => "bool",
        ResultsColumnKind.UInt64 => "uint64",
        ResultsColumnKind.Enum => "string (enum)",
        _ => "string",
    };

    private static string YesNo(bool value) => value ? "yes" : "no";

    /// <summary>A Markdown table cell: pipes escaped so they do not split the cell.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|");
}
