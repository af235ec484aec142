using FlatLab.Experiments.Running;

namespace FlatLab.Cli.Sweep;

/// <summary>Progress as plain lines for logs and CI: see <see cref="ProgressThrottle"/> for when.</summary>
internal sealed class PlainProgressView(TextWriter writer, TimeSpan interval) : ISweepProgressView
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly ProgressThrottle _throttle = new(interval);
    private bool _started;

    public T Run<T>(Func<IProgress<SweepProgress>, T> body) => body(new SynchronousProgress<SweepProgress>(Show));

    public void Notice(string message)
    {
        lock (_gate) writer.WriteLine(message);
    }

    private void Show(SweepProgress p)
    {
        lock (_gate)
        {
            if (!_started)
            {
                _started = true;
                _throttle.Start(p);
                writer.WriteLine(p.Resumed > 0
                    ? $"{p.Total} cases: {p.Resumed} already done, {p.Total - p.Resumed} to run"
                    : $"{p.Total} cases to run");
                return;
            }
            if (_throttle.ShouldShow(p)) writer.WriteLine(ProgressLine.Format(p));
        }
    }
}
