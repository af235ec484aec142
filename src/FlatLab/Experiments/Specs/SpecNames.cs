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

    /// <summary>The longest name of a grid cell, <c>base[field=value,...]</c>: its file names stay below 255 bytes.</summary>
    public const int MaxCellLength = 160;

    /// <summary>A grid cell's name: the base name, then the cell's values in brackets; never a '/' (case keys use it).</summary>
    public static void CheckCell(string field, string name)
    {
        var bad = name.FirstOrDefault(c => !(char.IsAsciiLetterOrDigit(c) || "-_.=,+:;()[]".Contains(c)));
        if (bad != default)
            throw new SpecException(field, name, $"the grid cell's name holds '{bad}'; grid values may use letters, digits and - _ . + : ; ( ) only");
        if (name.Length > MaxCellLength)
            throw new SpecException(field, name[..40] + "...",
                $"the grid cell's name is {name.Length} characters long; at most {MaxCellLength}, as it becomes part of file names (shorten the panel name or the grid)");
    }

    public static void CheckPanels(string field, string[]? panels, IReadOnlyCollection<string> known)
    {
        if (panels is null) return;
        var unknown = panels.FirstOrDefault(p => !known.Contains(p));
        if (unknown is not null) throw new SpecException(field, unknown, $"no panel has this name ({string.Join(", ", known)})");
    }
}
