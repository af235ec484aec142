using FlatLab.Experiments.Running;
using Spectre.Console;

namespace FlatLab.Cli.Sweep;

/// <summary>A live progress bar in a terminal (Spectre.Console), redrawn in place.</summary>
internal sealed class LiveProgressView(IAnsiConsole console, string title) : ISweepProgressView
{
    private readonly Lock _gate = new();
    private SweepProgress? _latest;
    private string _notice = "";

    public T Run<T>(Func<IProgress<SweepProgress>, T> body) =>
        console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(),
                new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1);
                return body(new SynchronousProgress<SweepProgress>(p => Show(task, p)));
            });

    public void Notice(string message)
    {
        lock (_gate) _notice = " " + message;
    }

    private void Show(ProgressTask task, SweepProgress p)
    {
        lock (_gate)
        {
            if (_latest is { } last && p.Done < last.Done) return; // an older report overtaken by a newer one
            _latest = p;
            task.MaxValue = Math.Max(1, p.Total);
            task.Value = p.Resumed + p.Done;
            var left = p.Remaining == 0 ? "0:00" : p.EstimatedLeft is { } t ? ProgressLine.Duration(t) : "?";
            var text = FormattableString.Invariant(
                $"{title} {p.Resumed + p.Done}/{p.Total} failed {p.Failed} {p.Rate:0.0}/s left {left}{_notice}");
            task.Description = Markup.Escape(text);
        }
    }
}
