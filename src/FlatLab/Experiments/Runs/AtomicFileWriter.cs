using System.Text;

namespace FlatLab.Experiments.Runs;

/// <summary>
/// Writes a file so that it is either absent, its old version, or complete: the content goes to a
/// temporary file in the same directory, is flushed to disk, and is then renamed over the target
/// (a rename within one file system is atomic). A killed run leaves at worst a stray temporary.
/// Every file FlatLab writes whole (the run folder's files, a solve's outputs, a generated instance)
/// goes through here; only the case store, which is appended to, does not.
/// </summary>
public static class AtomicFileWriter
{
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>UTF-8 text without a byte-order mark, lines ending in '\n'.</summary>
    public static void WriteText(string path, Action<TextWriter> write) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            write(writer);
        });

    public static void WriteAllText(string path, string text) => WriteText(path, w => w.Write(text));

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
