namespace FlatLab.Reporting.Io;

/// <summary>
/// A matrix file that cannot be read as numbers. <see cref="Exception.Message"/> names the file and,
/// where there is one, the line and column (1-based, the column counting values, not characters).
/// </summary>
public sealed class MatrixFormatException : FormatException
{
    public MatrixFormatException(string path, string problem, int line = 0, int column = 0)
        : base(Describe(path, problem, line, column))
    {
        Path = path;
        Line = line;
        Column = column;
    }

    public string Path { get; }

    /// <summary>1-based line of the problem; 0 when it concerns the whole file.</summary>
    public int Line { get; }

    /// <summary>1-based value index on <see cref="Line"/>; 0 when it concerns the whole line.</summary>
    public int Column { get; }

    private static string Describe(string path, string problem, int line, int column) =>
        (line, column) switch
        {
            (0, _) => $"{path}: {problem}",
            (_, 0) => $"{path} line {line}: {problem}",
            _ => $"{path} line {line}, column {column}: {problem}",
        };
}
