using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace FlatLab.Reporting.Io;

/// <summary>
/// The header of a NumPy <c>.npy</c> file (format versions 1.0, 2.0 and 3.0): the magic string
/// <c>\x93NUMPY</c>, the version, the header length (2 bytes little-endian in 1.0, 4 bytes after),
/// and a Python dict literal <c>{'descr': '&lt;f8', 'fortran_order': False, 'shape': (3, 4), }</c>
/// padded with spaces and ended by a newline. Only the three documented keys are accepted.
/// </summary>
/// <param name="Descr">The dtype string, e.g. <c>&lt;f8</c>.</param>
/// <param name="FortranOrder">True when the data are stored column by column.</param>
/// <param name="Shape">The array's dimensions (empty for a 0-d array).</param>
/// <param name="DataOffset">Bytes from the start of the file to the first data byte.</param>
internal sealed record NpyHeader(string Descr, bool FortranOrder, long[] Shape, int DataOffset)
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    // Far beyond any header numpy writes (a few hundred bytes); guards against reading a huge bogus length.
    private const int MaxHeaderLength = 1 << 20;

    /// <summary>Reads the header from the start of <paramref name="stream"/>, leaving it at the first data byte.</summary>
    public static NpyHeader Read(Stream stream, string source)
    {
        Span<byte> prefix = stackalloc byte[12];
        if (ReadFully(stream, prefix[..8]) < 8 || !prefix[..6].SequenceEqual(Magic))
            throw new MatrixFormatException(source, "not a NumPy .npy file (the magic string \\x93NUMPY is missing).");
        int major = prefix[6], minor = prefix[7];
        if (major is < 1 or > 3 || minor != 0)
            throw new MatrixFormatException(source, $"unsupported .npy format version {major}.{minor} (1.0, 2.0 and 3.0 are read).");
        var lengthBytes = major == 1 ? 2 : 4;
        if (ReadFully(stream, prefix.Slice(8, lengthBytes)) < lengthBytes)
            throw new MatrixFormatException(source, "the .npy header is truncated.");
        var headerLength = major == 1
            ? BinaryPrimitives.ReadUInt16LittleEndian(prefix.Slice(8, 2))
            : (long)BinaryPrimitives.ReadUInt32LittleEndian(prefix.Slice(8, 4));
        if (headerLength > MaxHeaderLength)
            throw new MatrixFormatException(source, $"the .npy header claims {headerLength} bytes; not a plain array file.");
        var header = new byte[headerLength];
        if (ReadFully(stream, header) < headerLength)
            throw new MatrixFormatException(source, "the .npy header is truncated.");
        // Versions 1 and 2 are latin-1 (ASCII in practice); version 3 is UTF-8.
        var text = major == 3 ? Encoding.UTF8.GetString(header) : Encoding.Latin1.GetString(header);
        var (descr, fortran, shape) = ParseDict(text.TrimEnd(' ', '\n', '\0'), source);
        return new NpyHeader(descr, fortran, shape, 6 + 2 + lengthBytes + (int)headerLength);
    }

    /// <summary>The bytes of a version 1.0 header (magic through newline), padded so the data start at a multiple of 64.</summary>
    public static byte[] Format(string descr, bool fortranOrder, IReadOnlyList<long> shape)
    {
        var dims = shape.Count == 1 ? $"({shape[0]},)" : $"({string.Join(", ", shape)})";
        var dict = $"{{'descr': '{descr}', 'fortran_order': {(fortranOrder ? "True" : "False")}, 'shape': {dims}, }}";
        var total = 10 + dict.Length + 1;
        var padded = (total + 63) / 64 * 64;
        var text = dict + new string(' ', padded - total) + "\n";
        var bytes = new byte[10 + text.Length];
        Magic.CopyTo(bytes);
        bytes[6] = 1;
        bytes[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8, 2), checked((ushort)text.Length));
        Encoding.ASCII.GetBytes(text, bytes.AsSpan(10));
        return bytes;
    }

    /// <summary>Parses the dict literal: exactly the keys descr (a string), fortran_order (True/False) and shape (a tuple of integers).</summary>
    private static (string Descr, bool FortranOrder, long[] Shape) ParseDict(string text, string source)
    {
        var p = new DictParser(text, source);
        string? descr = null;
        bool? fortran = null;
        long[]? shape = null;
        p.Expect('{');
        while (!p.TryConsume('}'))
        {
            var key = p.QuotedString();
            p.Expect(':');
            switch (key)
            {
                case "descr" when descr is null:
                    if (!p.Peek('\'') && !p.Peek('"'))
                        throw p.Fail("'descr' is not a simple dtype (structured arrays are not matrices)");
                    descr = p.QuotedString();
                    break;
                case "fortran_order" when fortran is null:
                    fortran = p.Boolean();
                    break;
                case "shape" when shape is null:
                    shape = p.IntegerTuple();
                    break;
                case "descr" or "fortran_order" or "shape":
                    throw p.Fail($"the key '{key}' appears twice");
                default:
                    throw p.Fail($"unexpected key '{key}' (a .npy header has descr, fortran_order and shape)");
            }
            if (!p.TryConsume(','))
            {
                p.Expect('}');
                break;
            }
        }
        p.End();
        if (descr is null || fortran is null || shape is null)
            throw new MatrixFormatException(source,
                $"the .npy header lacks '{(descr is null ? "descr" : fortran is null ? "fortran_order" : "shape")}'.");
        return (descr, fortran.Value, shape);
    }

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = stream.Read(buffer[total..]);
            if (read == 0) break;
            total += read;
        }
        return total;
    }

    /// <summary>A cursor over the header's dict literal; every failure names the file and what was expected.</summary>
    private sealed class DictParser(string text, string source)
    {
        private int _at;

        public void Expect(char c)
        {
            if (!TryConsume(c)) throw Fail($"expected '{c}'");
        }

        public bool TryConsume(char c)
        {
            SkipSpace();
            if (_at < text.Length && text[_at] == c)
            {
                _at++;
                return true;
            }
            return false;
        }

        public bool Peek(char c)
        {
            SkipSpace();
            return _at < text.Length && text[_at] == c;
        }

        public string QuotedString()
        {
            SkipSpace();
            if (_at >= text.Length || text[_at] is not ('\'' or '"')) throw Fail("expected a quoted string");
            var quote = text[_at++];
            var end = text.IndexOf(quote, _at);
            if (end < 0) throw Fail("unterminated string");
            var value = text[_at..end];
            _at = end + 1;
            return value;
        }

        public bool Boolean()
        {
            SkipSpace();
            if (Match("True")) return true;
            if (Match("False")) return false;
            throw Fail("expected True or False for 'fortran_order'");
        }

        public long[] IntegerTuple()
        {
            Expect('(');
            var values = new List<long>();
            while (!TryConsume(')'))
            {
                SkipSpace();
                var start = _at;
                while (_at < text.Length && char.IsAsciiDigit(text[_at])) _at++;
                // numpy may write 'L' suffixes in headers made by Python 2.
                var digits = text[start.._at];
                if (_at < text.Length && text[_at] == 'L') _at++;
                if (digits.Length == 0 || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var v))
                    throw Fail("'shape' must be a tuple of non-negative integers");
                values.Add(v);
                if (!TryConsume(','))
                {
                    Expect(')');
                    break;
                }
            }
            return [.. values];
        }

        public void End()
        {
            SkipSpace();
            if (_at != text.Length) throw Fail("unexpected text after the header's closing brace");
        }

        public MatrixFormatException Fail(string problem) =>
            new(source, $"malformed .npy header: {problem} at character {_at + 1} of \"{Shorten(text)}\".");

        private bool Match(string word)
        {
            if (string.CompareOrdinal(text, _at, word, 0, word.Length) != 0) return false;
            _at += word.Length;
            return true;
        }

        private void SkipSpace()
        {
            while (_at < text.Length && text[_at] is ' ' or '\t' or '\n' or '\r') _at++;
        }

        private static string Shorten(string s) => s.Length <= 120 ? s : s[..117] + "...";
    }
}
