using System.Globalization;

namespace FlatLab.Experiments.Runs;

/// <summary>
/// The exclusive lock of a run folder: one process at a time may run, resume, merge into or solve
/// into it. It is an OS lock (<c>flock(2)</c>) on the file <see cref="RunFolder.LockFileName"/> inside the folder,
/// held from before anything in the folder is read until the last file is written; the kernel
/// releases it when the process ends, however it ends, so a lock left by a killed process is simply
/// taken over (<see cref="StaleHolder"/> says whose it was). The file's text (process id, host,
/// start time) only serves the message a second process gets; the lock is the flock, never the text.
/// </summary>
public sealed class RunFolderLock : IDisposable
{
    private readonly int _fd;
    private readonly FileStream? _stream;
    private readonly string _path;
    private bool _disposed;

    private RunFolderLock(string folder, string path, int fd, FileStream? stream, string? staleHolder)
    {
        Folder = folder;
        _path = path;
        _fd = fd;
        _stream = stream;
        StaleHolder = staleHolder;
    }

    /// <summary>The folder, as given.</summary>
    public string Folder { get; }

    /// <summary>
    /// The holder recorded by a process that ended without releasing the lock (killed, or its node
    /// lost), whose lock this one took over; null when the folder was free.
    /// </summary>
    public string? StaleHolder { get; }

    /// <summary>Whether this object holds a lock (false for a read-only folder opened with <see cref="AcquireForReading"/>).</summary>
    public bool IsHeld => _fd >= 0 || _stream is not null;

    /// <summary>
    /// Takes the lock of <paramref name="folder"/> (which must exist) without waiting.
    /// Throws <see cref="RunFolderInUseException"/> when another process holds it.
    /// </summary>
    public static RunFolderLock Acquire(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var path = Path.Combine(folder, RunFolder.LockFileName);
        RunFolderPaths.RefuseLink(path, folder);
        return PosixFile.IsAvailable ? AcquirePosix(folder, path) : AcquireManaged(folder, path);
    }

    /// <summary>
    /// As <see cref="Acquire"/>, for a process that only reads the folder (the shards of a merge):
    /// a folder this process may not write (read-only storage) cannot be written by a run of it
    /// either, so it is read without a lock.
    /// </summary>
    public static RunFolderLock AcquireForReading(string folder)
    {
        try
        {
            return Acquire(folder);
        }
        catch (UnauthorizedAccessException)
        {
            return new RunFolderLock(folder, Path.Combine(folder, RunFolder.LockFileName), -1, null, null);
        }
    }

    private static RunFolderLock AcquirePosix(string folder, string path)
    {
        var fd = PosixFile.OpenReadWrite(path);
        try
        {
            if (!PosixFile.TryLockExclusive(fd, path)) throw new RunFolderInUseException(folder, ReadHolder(fd));
            var stale = Describe(PosixFile.ReadStart(fd));
            PosixFile.Rewrite(fd, HolderText(), path);
            return new RunFolderLock(folder, path, fd, null, stale);
        }
        catch
        {
            PosixFile.Close(fd);
            throw;
        }
    }

    /// <summary>Elsewhere .NET's exclusive share mode is the lock (a real one on Windows).</summary>
    private static RunFolderLock AcquireManaged(string folder, string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new RunFolderInUseException(folder, "another process");
        }
        using var reader = new StreamReader(stream, leaveOpen: true);
        var stale = Describe(reader.ReadToEnd());
        stream.SetLength(0);
        var bytes = System.Text.Encoding.UTF8.GetBytes(HolderText());
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
        return new RunFolderLock(folder, path, -1, stream, stale);
    }

    /// <summary>The holder's text; it writes it right after taking the lock, so an empty file is read again briefly.</summary>
    private static string ReadHolder(int fd)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var holder = Describe(PosixFile.ReadStart(fd));
            if (holder is not null) return holder;
            Thread.Sleep(10);
        }
        return "another process";
    }

    private static string HolderText() =>
        $"pid {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}\n" +
        $"host {Environment.MachineName}\n" +
        $"since {DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\n";

    /// <summary>"process N on HOST (since T)" from a lock file's text; null when it holds none.</summary>
    private static string? Describe(string text)
    {
        string? pid = null, host = null, since = null;
        foreach (var line in text.Split('\n'))
        {
            var space = line.IndexOf(' ');
            if (space < 0) continue;
            var value = line[(space + 1)..].Trim();
            switch (line[..space])
            {
                case "pid": pid = value; break;
                case "host": host = value; break;
                case "since": since = value; break;
            }
        }
        if (pid is null || !int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out _)) return null;
        return $"process {pid}{(string.IsNullOrEmpty(host) ? "" : $" on {host}")}{(string.IsNullOrEmpty(since) ? "" : $" (since {since})")}";
    }

    /// <summary>Empties the lock file (a free folder has an empty one) and releases the lock.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_fd >= 0)
        {
            PosixFile.Truncate(_fd);
            PosixFile.Close(_fd);
        }
        if (_stream is not null)
        {
            _stream.SetLength(0);
            _stream.Dispose();
        }
    }

    public override string ToString() => _path;
}
