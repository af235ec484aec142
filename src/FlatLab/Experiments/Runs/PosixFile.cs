using System.Runtime.InteropServices;
using System.Text;

namespace FlatLab.Experiments.Runs;

/// <summary>
/// The few POSIX calls the run folder needs and .NET does not expose: <c>flock(2)</c>, which the
/// kernel releases when the process dies, and <c>O_APPEND</c> writes, which land at the end of the
/// file whatever another descriptor did (.NET's <c>FileMode.Append</c> writes at a remembered
/// offset). Linux only (the flag values are Linux's); other systems use the managed fallbacks of
/// the callers.
/// </summary>
internal static unsafe class PosixFile
{
    public static bool IsAvailable => OperatingSystem.IsLinux();

    private const int ReadWrite = 2, WriteOnly = 1, Create = 0x40, Append = 0x400, CloseOnExec = 0x80000;
    private const int LockExclusive = 2, LockNonBlocking = 4;
    private const int Interrupted = 4, WouldBlock = 11;
    private const int Mode = 420; // 0644

    /// <summary>Opens (creating) a file for reading and writing; the descriptor, or throws naming the file.</summary>
    public static int OpenReadWrite(string path) => Open(path, ReadWrite | Create | CloseOnExec);

    /// <summary>Opens (creating) a file whose every write is appended at its current end.</summary>
    public static int OpenAppend(string path) => Open(path, WriteOnly | Create | Append | CloseOnExec);

    /// <summary>Takes an exclusive flock without waiting: false when another open file holds it.</summary>
    public static bool TryLockExclusive(int fd, string path)
    {
        while (flock(fd, LockExclusive | LockNonBlocking) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == WouldBlock) return false;
            if (errno != Interrupted) throw Failure("lock", path, errno);
        }
        return true;
    }

    /// <summary>Writes all of <paramref name="bytes"/> (at the end, for an O_APPEND descriptor).</summary>
    public static void WriteAll(int fd, ReadOnlySpan<byte> bytes, string path)
    {
        fixed (byte* start = bytes)
        {
            var done = 0;
            while (done < bytes.Length)
            {
                var n = write(fd, start + done, (nint)(bytes.Length - done));
                if (n < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == Interrupted) continue;
                    throw Failure("write", path, errno);
                }
                done += (int)n;
            }
        }
    }

    /// <summary>Replaces the whole content: truncate, then write at offset 0.</summary>
    public static void Rewrite(int fd, string text, string path)
    {
        if (ftruncate(fd, 0) != 0) throw Failure("truncate", path, Marshal.GetLastPInvokeError());
        var bytes = Encoding.UTF8.GetBytes(text);
        fixed (byte* start = bytes)
        {
            var done = 0;
            while (done < bytes.Length)
            {
                var n = pwrite(fd, start + done, (nint)(bytes.Length - done), done);
                if (n < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == Interrupted) continue;
                    throw Failure("write", path, errno);
                }
                done += (int)n;
            }
        }
    }

    /// <summary>Up to 4 KiB from the start of the file, as text.</summary>
    public static string ReadStart(int fd)
    {
        var buffer = new byte[4096];
        fixed (byte* start = buffer)
        {
            var n = pread(fd, start, buffer.Length, 0);
            return n <= 0 ? "" : Encoding.UTF8.GetString(buffer, 0, (int)n);
        }
    }

    public static void Sync(int fd, string path)
    {
        if (fsync(fd) != 0) throw Failure("flush", path, Marshal.GetLastPInvokeError());
    }

    public static void Truncate(int fd) => ftruncate(fd, 0);

    public static void Close(int fd) => close(fd);

    private static int Open(string path, int flags)
    {
        while (true)
        {
            var fd = open(path, flags, Mode);
            if (fd >= 0) return fd;
            var errno = Marshal.GetLastPInvokeError();
            if (errno == Interrupted) continue;
            // Not allowed to create or write it (EPERM, EACCES, EROFS): a folder this process cannot change.
            if (errno is 1 or 13 or 30)
                throw new UnauthorizedAccessException($"Cannot open '{path}' for writing: {Marshal.GetPInvokeErrorMessage(errno)}.");
            throw Failure("open", path, errno);
        }
    }

    private static IOException Failure(string what, string path, int errno) =>
        new($"Cannot {what} '{path}': {Marshal.GetPInvokeErrorMessage(errno)}.");

    [DllImport("libc", SetLastError = true)] private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);
    [DllImport("libc", SetLastError = true)] private static extern int flock(int fd, int operation);
    [DllImport("libc", SetLastError = true)] private static extern nint write(int fd, byte* buffer, nint count);
    [DllImport("libc", SetLastError = true)] private static extern nint pwrite(int fd, byte* buffer, nint count, long offset);
    [DllImport("libc", SetLastError = true)] private static extern nint pread(int fd, byte* buffer, nint count, long offset);
    [DllImport("libc", SetLastError = true)] private static extern int ftruncate(int fd, long length);
    [DllImport("libc", SetLastError = true)] private static extern int fsync(int fd);
    [DllImport("libc", SetLastError = true)] private static extern int close(int fd);
}
