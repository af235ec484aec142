namespace FlatLab.Experiments.Runs;

/// <summary>
/// A file written only at its end: on Linux opened with <c>O_APPEND</c>, so each record lands after
/// whatever the file holds at that moment and never over it (no remembered offset); elsewhere .NET's
/// <see cref="FileMode.Append"/>. Every <see cref="Append"/> is flushed to disk before it returns.
/// </summary>
internal sealed class AppendOnlyFile : IDisposable
{
    private readonly string _path;
    private readonly int _fd = -1;
    private readonly FileStream? _stream;

    public AppendOnlyFile(string path)
    {
        _path = path;
        if (PosixFile.IsAvailable) _fd = PosixFile.OpenAppend(path);
        else _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
    }

    /// <summary>Writes the bytes at the end of the file, in one write, and flushes them to disk (fsync).</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_stream is not null)
        {
            _stream.Write(bytes);
            _stream.Flush(flushToDisk: true);
            return;
        }
        PosixFile.WriteAll(_fd, bytes, _path);
        PosixFile.Sync(_fd, _path);
    }

    public void Dispose()
    {
        if (_fd >= 0) PosixFile.Close(_fd);
        _stream?.Dispose();
    }
}
