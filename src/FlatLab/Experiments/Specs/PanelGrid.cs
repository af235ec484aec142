using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlatLab.Experiments.Specs;

/// <summary>
/// Expands a panel's <see cref="PanelSpec.Grid"/> into one panel per cell of the Cartesian product. A cell is
/// the panel's own JSON with the grid's fields replaced, read by the same serializer and checked by the same
/// <see cref="PanelSpec.Validate"/> as any panel, so every panel field (also one added later) can be gridded
/// without code here knowing it. The cell's name is the panel's with the values in brackets,
/// <c>relu[n=100,noise_std=0.05]</c>, so case keys, seeds, shards and figures are per cell.
/// </summary>
internal static class PanelGrid
{
    /// <summary>More cells than this is almost surely a mistake in the spec.</summary>
    public const int MaxCells = 10_000;

    public static IReadOnlyList<PanelSpec> Expand(PanelSpec panel, string field)
    {
        if (panel.Grid is not { } grid) return [panel];
        if (grid.Count == 0) throw new SpecException($"{field}.grid", "{}", "an empty grid; give at least one field, or leave \"grid\" out");
        var basis = (JsonObject)JsonSerializer.SerializeToNode(panel with { Grid = null }, SweepSpecJson.Options)!;
        var axes = new List<(string Field, JsonNode?[] Values, string[] Labels)>();
        long count = 1;
        foreach (var (name, values) in grid)
        {
            var at = $"{field}.grid.{name}";
            if (name is "name" or "grid")
                throw new SpecException(at, Show(values), "a grid varies the panel's data and network; its name and grid are not grid fields");
            if (values is null || values.Length == 0)
                throw new SpecException(at, "[]", "a grid field needs at least one value");
            var canonical = new JsonNode?[values.Length];
            var labels = new string[values.Length];
            for (var j = 0; j < values.Length; j++)
            {
                var json = (JsonObject)basis.DeepClone();
                json[name] = JsonNode.Parse(values[j].GetRawText());
                var cell = Read(json, at, values[j].GetRawText());
                // The value as the spec writes it back (canonical spelling), so "ReLU" and "relu" are one cell.
                canonical[j] = ((JsonObject)JsonSerializer.SerializeToNode(cell, SweepSpecJson.Options)!)[name]?.DeepClone();
                labels[j] = Label(canonical[j]);
            }
            var twice = labels.GroupBy(l => l).FirstOrDefault(g => g.Count() > 1);
            if (twice is not null) throw new SpecException(at, Show(values), $"the value {twice.Key} is given more than once");
            axes.Add((name, canonical, labels));
            count *= values.Length;
            if (count > MaxCells) throw new SpecException($"{field}.grid", $"{count}+ cells", $"a grid expands to at most {MaxCells} cells");
        }

        var cells = new List<PanelSpec>((int)count);
        var index = new int[axes.Count];
        for (var c = 0; c < count; c++)
        {
            var json = (JsonObject)basis.DeepClone();
            var text = new StringBuilder();
            for (var a = 0; a < axes.Count; a++)
            {
                json[axes[a].Field] = axes[a].Values[index[a]]?.DeepClone();
                text.Append(a > 0 ? "," : "").Append(axes[a].Field).Append('=').Append(axes[a].Labels[index[a]]);
            }
            var cellText = text.ToString();
            var cell = Read(json, $"{field}.grid", cellText);
            cells.Add(cell with
            {
                Name = $"{panel.Name}[{cellText}]",
                BaseName = panel.Name,
                GridCell = cellText,
                Title = cell.Title.Length > 0 ? $"{cell.Title} [{cellText}]" : "",
                Grid = null,
            });
            // The last field varies fastest, like nested loops in the order the grid is written.
            for (var a = axes.Count - 1; a >= 0; a--)
            {
                if (++index[a] < axes[a].Values.Length) break;
                index[a] = 0;
            }
        }
        return cells;
    }

    private static PanelSpec Read(JsonObject json, string field, string value)
    {
        try
        {
            return json.Deserialize<PanelSpec>(SweepSpecJson.Options)
                   ?? throw new SpecException(field, value, "not a panel");
        }
        catch (SpecValueException e)
        {
            throw new SpecException(field, value, e.Message);
        }
        catch (JsonException e)
        {
            var why = SweepSpecJson.Reason(e);
            throw new SpecException(field, value, why.StartsWith("unknown field", StringComparison.Ordinal)
                ? "not a panel field (docs/sweeps.md lists the fields)"
                : why);
        }
    }

    /// <summary>A value as it appears in a cell's name: text without quotes, lists as (a;b).</summary>
    private static string Label(JsonNode? value) => value switch
    {
        null => "null",
        JsonArray list => "(" + string.Join(";", list.Select(Label)) + ")",
        JsonObject o => "(" + string.Join(";", o.Select(p => $"{p.Key}:{Label(p.Value)}")) + ")",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };

    private static string Show(JsonElement[]? values) =>
        values is null ? "null" : "[" + string.Join(", ", values.Select(v => v.GetRawText())) + "]";
}
