namespace FlatLab.Experiments.Specs;

/// <summary>Checks of the names a spec uses in case keys and cross-references.</summary>
internal static class SpecNames
{
    /// <summary>The longest name: a file name built from it (with its prefixes and suffixes) stays far below 255 bytes.</summary>
    public const int MaxLength = 64;

    public static void Check(string field, string name)
    {
        if (string.IsNullOrWhiteSpace(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new SpecException(field, name, "must be non-empty and use only letters, digits, '-' and '_'");
        // Names become parts of file names (figures, tables) that must stay below the file systems' 255 bytes.
        if (name.Length > MaxLength)
            throw new SpecException(field, name[..20] + "...", $"is {name.Length} characters long; at most {MaxLength}, as it becomes part of file names");
    }

    public static void CheckPanels(string field, string[]? panels, IReadOnlyCollection<string> known)
    {
        if (panels is null) return;
        var unknown = panels.FirstOrDefault(p => !known.Contains(p));
        if (unknown is not null) throw new SpecException(field, unknown, $"no panel has this name ({string.Join(", ", known)})");
    }
}
