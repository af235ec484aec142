using System.IO.Compression;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Reporting.Io;

/// <summary>
/// Reads one array of a NumPy <c>.npz</c> archive (a zip of <c>.npy</c> files, as <c>numpy.savez</c> and
/// <c>numpy.savez_compressed</c> write it). <c>data.npz:X</c> names the array <c>X</c>; a bare
/// <c>data.npz</c> must hold exactly one array. Each member is read by <see cref="NpyMatrixReader"/>.
/// </summary>
public static class NpzMatrixReader
{
    /// <summary>True for <c>*.npz</c> and <c>*.npz:NAME</c>.</summary>
    public static bool IsNpz(string path) => Split(path).Archive is not null;

    public static Matrix<double> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var (archivePath, member) = Split(path);
        if (archivePath is null) throw new ArgumentException($"{path} is not an .npz file name.", nameof(path));
        if (!File.Exists(archivePath)) throw new FileNotFoundException($"{archivePath}: file not found.", archivePath);
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(archivePath);
        }
        catch (InvalidDataException e)
        {
            throw new MatrixFormatException(archivePath, $"not a readable .npz (zip) archive ({e.Message}).");
        }
        using (archive)
        {
            var arrays = archive.Entries
                .Where(e => e.FullName.EndsWith(".npy", StringComparison.Ordinal))
                .ToDictionary(e => e.FullName[..^4], StringComparer.Ordinal);
            if (arrays.Count == 0) throw new MatrixFormatException(archivePath, "the archive holds no .npy arrays.");
            ZipArchiveEntry entry;
            if (member is null)
            {
                if (arrays.Count > 1)
                    throw new MatrixFormatException(archivePath,
                        $"the archive holds {arrays.Count} arrays ({Names(arrays.Keys)}); name one as {archivePath}:NAME.");
                entry = arrays.Values.Single();
            }
            else if (!arrays.TryGetValue(member, out entry!))
            {
                throw new MatrixFormatException(archivePath, $"no array '{member}' in the archive; it holds {Names(arrays.Keys)}.");
            }
            var source = $"{archivePath}:{entry.FullName[..^4]}";
            try
            {
                using var stream = entry.Open();
                return NpyMatrixReader.Read(stream, entry.Length, source);
            }
            catch (InvalidDataException e)
            {
                throw new MatrixFormatException(source, $"the archive member is damaged ({e.Message}).");
            }
        }
    }

    /// <summary>(archive, member) for <c>a.npz</c> (member null) and <c>a.npz:X</c>; (null, null) otherwise.</summary>
    private static (string? Archive, string? Member) Split(string path)
    {
        if (path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase)) return (path, null);
        var at = path.LastIndexOf(".npz:", StringComparison.OrdinalIgnoreCase);
        if (at < 0) return (null, null);
        var member = path[(at + 5)..];
        return member.Length == 0 || member.Contains('/') ? (null, null) : (path[..(at + 4)], member);
    }

    private static string Names(IEnumerable<string> names) => string.Join(", ", names.Order(StringComparer.Ordinal).Select(n => $"'{n}'"));
}
