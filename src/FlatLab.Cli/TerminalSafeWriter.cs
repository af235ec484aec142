using System.Globalization;
using System.Text;

namespace FlatLab.Cli;

/// <summary>
/// A writer that shows control characters instead of sending them: every message and summary of the command
/// line goes through one, so a name or a token echoed from an input file (a CSV cell, a spec's name, a path)
/// cannot move the cursor, recolour or retitle the terminal with escape sequences. Line feeds and tabs pass;
/// any other C0 or C1 control character, DEL and the bidirectional overrides are written as \uHHHH.
/// </summary>
internal sealed class TerminalSafeWriter(TextWriter inner) : TextWriter(CultureInfo.InvariantCulture)
{
    /// <summary>The writer this one escapes for.</summary>
    public TextWriter Inner { get; } = inner;

    public override Encoding Encoding => Inner.Encoding;

    /// <summary>True for a character that must not reach a terminal as it is.</summary>
    public static bool NeedsEscape(char c) =>
        (c < ' ' && c is not '\n' and not '\t') || c is >= '\x7f' and <= '\x9f'
        || c is >= '\u202a' and <= '\u202e' || c is >= '\u2066' and <= '\u2069';

    /// <summary><paramref name="text"/> with every character of <see cref="NeedsEscape"/> spelled out.</summary>
    public static string Escape(string text)
    {
        if (!text.Any(NeedsEscape)) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text) Append(sb, c);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, char c)
    {
        // \uHHHH for all: readable, and a valid escape inside a JSON string too (--json - goes through here).
        if (!NeedsEscape(c)) sb.Append(c);
        else sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
    }

    public override void Write(char value)
    {
        if (NeedsEscape(value)) Inner.Write(Escape(value.ToString()));
        else Inner.Write(value);
    }

    public override void Write(string? value)
    {
        if (value is not null) Inner.Write(Escape(value));
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value)
    {
        Write(value);
        Inner.Write(CoreNewLine);
    }

    public override void Flush() => Inner.Flush();
}
