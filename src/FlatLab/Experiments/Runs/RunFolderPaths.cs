namespace FlatLab.Experiments.Runs;

/// <summary>
/// What a writer of a run folder checks and tidies while it holds the folder's lock: it never
/// writes through a symbolic link (which could point out of the folder, so that truncating the
/// store or drawing the figures would change files elsewhere), and it removes the temporary files
/// (<c>*.tmp</c>) an atomic write of a killed process left behind.
/// </summary>
public static class RunFolderPaths
{
    public const string TemporaryPattern = "*.tmp";

    /// <summary>Throws when <paramref name="path"/> (a file or folder of <paramref name="folder"/>) is a symbolic link.</summary>
    public static void RefuseLink(string path, string folder)
    {
        var target = new FileInfo(path).LinkTarget;
        if (target is null) return;
        throw new ArgumentException(
            $"'{path}' is a symbolic link (to '{target}'); FlatLab does not write the files of a run folder through links, " +
            $"which may lead out of '{folder}': replace the link with a plain file or folder, or choose another folder.");
    }

    /// <summary>
    /// Deletes the temporary files in the folder and its subfolders one level down (figures/), which
    /// only an atomic write cut short leaves; the caller holds the lock, so no write of another process
    /// is in progress. Links are neither followed nor deleted. Returns how many were removed.
    /// </summary>
    public static int RemoveTemporaryFiles(string folder)
    {
        if (!Directory.Exists(folder)) return 0;
        var removed = 0;
        var folders = new List<string> { folder };
        folders.AddRange(Directory.EnumerateDirectories(folder).Where(d => new DirectoryInfo(d).LinkTarget is null));
        foreach (var directory in folders)
            foreach (var file in Directory.EnumerateFiles(directory, TemporaryPattern))
            {
                if (new FileInfo(file).LinkTarget is not null) continue;
                try
                {
                    File.Delete(file);
                    removed++;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // A file this process may not delete was not written by a run of this folder's owner.
                }
            }
        return removed;
    }
}
