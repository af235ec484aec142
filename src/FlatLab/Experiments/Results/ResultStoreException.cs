namespace FlatLab.Experiments.Results;

/// <summary>A case store with damaged lines or rows that are not cases of its run; the message names the lines.</summary>
public sealed class ResultStoreException : IOException
{
    public ResultStoreException(string path, IReadOnlyList<int> lines, string message) : base(message)
    {
        Path = path;
        Lines = lines;
    }

    public string Path { get; }

    /// <summary>The 1-based numbers of the lines at fault, ascending.</summary>
    public IReadOnlyList<int> Lines { get; }
}
