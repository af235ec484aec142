namespace FlatLab.Reporting.Io;

/// <summary>
/// Lines of a text file, each at most <see cref="MaxLineLength"/> characters: a file without line breaks (a
/// gigabyte on one line) is refused as soon as a line passes the bound, with its line number, instead of being
/// read whole into one string until memory runs out. Line ends are \n, \r\n or \r, as <see cref="TextReader.ReadLine"/>.
/// </summary>
internal sealed class BoundedLineReader(TextReader reader, string sourceName)
{
    /// <summary>The longest line read: 2²⁴ characters, a row of several hundred thousand numbers.</summary>
    public const int MaxLineLength = 1 << 24;

    private readonly char[] _buffer = new char[1 << 16];
    private readonly System.Text.StringBuilder _line = new();
    private int _start;
    private int _end;
    private int _lineNumber;
    private bool _skipLineFeed;

    /// <summary>The next line without its end, or null at the end of the file; throws
    /// <see cref="MatrixFormatException"/> for a line longer than <see cref="MaxLineLength"/>.</summary>
    public string? ReadLine()
    {
        _line.Clear();
        var any = false;
        while (true)
        {
            if (_start == _end)
            {
                _end = reader.Read(_buffer, 0, _buffer.Length);
                _start = 0;
                if (_end == 0) return any ? Finish() : null;
            }
            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (_buffer[_start] == '\n') _start++;
                continue;
            }
            any = true;
            var span = _buffer.AsSpan(_start, _end - _start);
            var stop = span.IndexOfAny('\n', '\r');
            var take = stop < 0 ? span.Length : stop;
            if (_line.Length + take > MaxLineLength)
                throw new MatrixFormatException(sourceName,
                    $"the line is longer than {MaxLineLength} characters (is the file one line without line breaks?); " +
                    "a matrix file has one row per line.", _lineNumber + 1);
            _line.Append(span[..take]);
            _start += take;
            if (stop < 0) continue;
            _skipLineFeed = _buffer[_start] == '\r';
            _start++;
            return Finish();
        }
    }

    private string Finish()
    {
        _lineNumber++;
        return _line.ToString();
    }
}
