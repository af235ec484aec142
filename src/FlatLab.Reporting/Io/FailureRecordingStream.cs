namespace FlatLab.Reporting.Io;

/// <summary>
/// Passes writes through to a stream and keeps the first exception the stream threw. A native writer that
/// calls back into the stream turns such an exception into text; this keeps the original, with its type
/// and error code, for the caller to rethrow.
/// </summary>
internal sealed class FailureRecordingStream(Stream inner) : Stream
{
    /// <summary>The first exception <c>inner</c> threw, if any.</summary>
    public Exception? Failure { get; private set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => inner.CanWrite;
    public override long Length => Record(() => inner.Length);

    public override long Position
    {
        get => Record(() => inner.Position);
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Record(() => { inner.Write(buffer, offset, count); return 0; });

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try { inner.Write(buffer); }
        catch (Exception e) { Failure ??= e; throw; }
    }

    public override void Flush() => Record(() => { inner.Flush(); return 0; });

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    private T Record<T>(Func<T> action)
    {
        try { return action(); }
        catch (Exception e) { Failure ??= e; throw; }
    }
}
