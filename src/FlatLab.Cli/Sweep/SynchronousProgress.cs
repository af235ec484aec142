namespace FlatLab.Cli.Sweep;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler on the reporting thread. (Progress&lt;T&gt; posts
/// to the thread pool, which would reorder reports and could print after the run has ended.)
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> handler) : IProgress<T>
{
    public void Report(T value) => handler(value);
}
