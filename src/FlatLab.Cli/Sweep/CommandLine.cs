namespace FlatLab.Cli.Sweep;

/// <summary>Command lines printed for the user to copy.</summary>
internal static class CommandLine
{
    /// <summary>Single-quotes a word for a POSIX shell when it holds anything but safe characters.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or ':' or '=' or '+' or ',')
            ? word
            : "'" + word.Replace("'", "'\\''") + "'";
}
