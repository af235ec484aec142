using FlatLab.Experiments.Running;

namespace FlatLab.Cli.Sweep;

/// <summary>Shows a running sweep's progress: a live bar in a terminal, or lines in a log.</summary>
internal interface ISweepProgressView
{
    /// <summary>Runs <paramref name="body"/> with a progress sink that feeds this view.</summary>
    T Run<T>(Func<IProgress<SweepProgress>, T> body);

    /// <summary>A one-off message while the sweep runs (e.g. that it is stopping).</summary>
    void Notice(string message);
}
