namespace FlatLab.Experiments.Specs;

/// <summary>Checks of the names a spec uses in case keys and cross-references.</summary>
internal static class SpecNames
{
    public static void Check(string field, string name)
    {
        if (string.IsNullOrWhiteSpace(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new SpecException(field, name, "must be non-empty and use only letters, digits, '-' and '_'");
    }

    public static void CheckPanels(string field, string[]? panels, IReadOnlyCollection<string> known)
    {
        if (panels is null) return;
        var unknown = panels.FirstOrDefault(p => !known.Contains(p));
        if (unknown is not null) throw new SpecException(field, unknown, $"no panel has this name ({string.Join(", ", known)})");
    }
}
