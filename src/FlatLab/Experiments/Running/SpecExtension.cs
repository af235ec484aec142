using System.Text.Json.Nodes;
using FlatLab.Experiments.Specs;

namespace FlatLab.Experiments.Running;

/// <summary>
/// Whether a spec extends the spec of a finished (or partly finished) run so that <c>--resume</c> may continue it
/// without redoing a case: more seeds, ρ values appended after the finished ones (ρ keys are positions in the
/// grid), or more values of a panel's grid (cell keys are their values). Then every case of the run keeps its key,
/// seeds and row. The bootstrap's settings (<c>statistics</c>) may change too: they change no case. Any other
/// change is refused, naming the field.
/// </summary>
internal static class SpecExtension
{
    /// <summary>Null when <paramref name="now"/> is the run's spec or an extension of it; else the first difference, naming the field.</summary>
    public static string? Difference(string writtenSpec, SweepSpec now)
    {
        SweepSpec before;
        try
        {
            before = SweepSpecJson.Parse(writtenSpec);
        }
        catch (SpecException e)
        {
            return $"its spec is not valid now ({e.Message})";
        }
        return Difference(before, now);
    }

    public static string? Difference(SweepSpec before, SweepSpec now)
    {
        if (now.Seeds < before.Seeds) return $"seeds = {now.Seeds} here, {before.Seeds} in the run (seeds may only be added)";
        var (oldRho, newRho) = (before.Rho.Expand(), now.Rho.Expand());
        if (newRho.Length < oldRho.Length || oldRho.Where((r, i) => BitConverter.DoubleToInt64Bits(r) != BitConverter.DoubleToInt64Bits(newRho[i])).Any())
            return $"rho gives [{Join(newRho)}] here, [{Join(oldRho)}] in the run (rho values may only be added after the run's, e.g. as \"values\")";
        if (now.Panels.Length != before.Panels.Length)
            return $"panels has {now.Panels.Length} panels here, {before.Panels.Length} in the run";
        for (var i = 0; i < now.Panels.Length; i++)
        {
            var (was, @is) = (before.Panels[i], now.Panels[i]);
            var oldKeys = was.Grid?.Keys.ToArray() ?? [];
            var newKeys = @is.Grid?.Keys.ToArray() ?? [];
            if (!oldKeys.SequenceEqual(newKeys))
                return $"panels[{i}].grid varies [{string.Join(", ", newKeys)}] here, [{string.Join(", ", oldKeys)}] in the run " +
                       "(a grid may gain values, not fields: its cells' names and keys would change)";
            var newCells = PanelGrid.Expand(@is, $"panels[{i}]").Select(c => c.Name).ToHashSet();
            var lost = PanelGrid.Expand(was, $"panels[{i}]").FirstOrDefault(c => !newCells.Contains(c.Name));
            if (lost is not null) return $"panels[{i}].grid has no cell {lost.Name} here, which the run has (grid values may only be added)";
        }

        // Everything else must be equal, field by field.
        var a = Normalised(before);
        var b = Normalised(now);
        return FirstDifference(a, b, "");
    }

    /// <summary>The spec as JSON without the fields an extension may change (compared above) and without the
    /// bootstrap's settings, which change no case (a finished run may be reported again with others).</summary>
    private static JsonNode Normalised(SweepSpec spec)
    {
        var json = JsonNode.Parse(SweepSpecJson.Write(spec))!.AsObject();
        json.Remove("seeds");
        json.Remove("rho");
        json.Remove("statistics");
        if (json["panels"] is JsonArray panels)
            foreach (var panel in panels.OfType<JsonObject>()) panel.Remove("grid");
        return json;
    }

    private static string? FirstDifference(JsonNode? a, JsonNode? b, string path)
    {
        if (a is JsonObject oa && b is JsonObject ob)
        {
            foreach (var (key, value) in ob)
            {
                var found = FirstDifference(oa[key], value, path.Length == 0 ? key : $"{path}.{key}");
                if (found is not null) return found;
            }
            foreach (var (key, value) in oa)
                if (!ob.ContainsKey(key)) return FirstDifference(value, null, path.Length == 0 ? key : $"{path}.{key}");
            return null;
        }
        if (a is JsonArray la && b is JsonArray lb && la.Count == lb.Count)
        {
            for (var i = 0; i < la.Count; i++)
            {
                var found = FirstDifference(la[i], lb[i], $"{path}[{i}]");
                if (found is not null) return found;
            }
            return null;
        }
        return JsonNode.DeepEquals(a, b) ? null : $"{path} = {Show(b)} here, {Show(a)} in the run";
    }

    private static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "(none)";
        return text.Length <= 60 ? text : text[..57] + "...";
    }

    private static string Join(double[] values) =>
        string.Join(", ", values.Select(v => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)));
}
