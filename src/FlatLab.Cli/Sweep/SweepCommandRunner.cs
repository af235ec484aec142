using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Runs;
using FlatLab.LinearAlgebra;
using FlatLab.Reporting.Exporters;
using FlatLab.Reporting.Runs;
using Spectre.Console;

namespace FlatLab.Cli.Sweep;

/// <summary>
/// Runs <c>flatlab sweep</c>: the cases (in parallel, each saved at once), live progress on stderr,
/// then the report (a full run) or the manifest (a shard), and a short summary on stdout.
/// </summary>
internal static class SweepCommandRunner
{
    public static int Run(SweepCommandSpec command, CliStreams streams, CancellationToken cancel = default)
    {
        if (command.DryRun)
        {
            SweepDryRun.Print(command, streams.Out);
            return ExitCodes.Success;
        }
        return Run(command, streams, CreateView(command, streams), cancel);
    }

    internal static int Run(SweepCommandSpec command, CliStreams streams, ISweepProgressView view, CancellationToken cancel)
    {
        var started = DateTimeOffset.UtcNow;
        var spec = command.Spec;
        streams.Error.WriteLine(
            $"sweep {spec.Name}{(command.IsShard ? $" shard {command.Shard}" : "")} -> {command.OutputDirectory} ({command.Threads} threads)");

        SweepProgress? latest = null;
        var gate = new Lock();
        using var stop = new StopSignal(cancel,
            () => view.Notice("stopping: the cases in progress finish and are saved (a second Ctrl+C stops at once)"));
        // One writer per run folder, from before its first read to after the report's last file.
        var runFolder = new RunFolder(command.OutputDirectory);
        runFolder.Create();
        using var folder = runFolder.Lock();
        if (!command.IsShard) RunFolderPaths.RefuseLink(runFolder.FiguresPath, runFolder.Root);
        var settings = new SweepRunSettings
        {
            Threads = command.Threads, Resume = command.Resume, Repair = command.Repair, Shard = command.Shard,
            Notices = new SynchronousProgress<string>(view.Notice), Kernels = DenseKernels.Default,
        };
        SweepRunResult result;
        try
        {
            result = view.Run(progress => SweepRunner.Run(spec, folder, settings with
            {
                Progress = new SynchronousProgress<SweepProgress>(p =>
                {
                    lock (gate)
                        if (latest is null || p.Done > latest.Done) latest = p;
                    progress.Report(p);
                }),
            }, stop.Token));
        }
        catch (OperationCanceledException) when (stop.Token.IsCancellationRequested)
        {
            var saved = latest is null ? 0 : latest.Resumed + latest.Done;
            var total = latest?.Total.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
            streams.Error.WriteLine($"flatlab: interrupted: {saved} of {total} cases are saved in {command.OutputDirectory}.");
            streams.Error.WriteLine($"flatlab: continue with: {command.ResumeCommand()}");
            return cancel.IsCancellationRequested ? ExitCodes.Interrupted : stop.ExitCode;
        }

        var manifest = RunManifestFactory.Capture(spec, settings, result, started,
            command.IsShard ? [command.Shard.ToString()] : null, streams.CommandLine);
        RunReport.Write(new RunFolder(command.OutputDirectory), RunArtifacts.Create(spec, result.Rows, manifest),
            command.IsShard ? RunExporters.Shard : RunExporters.Report);
        Summarise(command, result, DateTimeOffset.UtcNow - started, streams.Out);
        if (stop.Token.IsCancellationRequested)
        {
            // Stopped while the report was written: it was finished (it takes seconds), but the exit says it was stopped.
            streams.Error.WriteLine($"flatlab: interrupted after every case was saved; the report in {command.OutputDirectory} is complete.");
            return cancel.IsCancellationRequested ? ExitCodes.Interrupted : stop.ExitCode;
        }
        return ExitCodes.Success;
    }

    private static void Summarise(SweepCommandSpec command, SweepRunResult result, TimeSpan wall, TextWriter output)
    {
        var name = command.Spec.Name + (command.IsShard ? $" shard {command.Shard}" : "");
        output.WriteLine(
            $"sweep {name}: {result.Rows.Count} case{(result.Rows.Count == 1 ? "" : "s")} ({result.Ran} run now, {result.Resumed} resumed), " +
            $"{result.Failed} failed, wall {ProgressLine.WallTime(wall)}");
        if (result.Failed > 0)
        {
            var first = result.Rows.Where(r => !r.Status.IsUsable()).Take(3).Select(r => $"{r.CaseKey} ({r.Status.ToSnakeCase()})");
            output.WriteLine($"failed: {string.Join(", ", first)}{(result.Failed > 3 ? ", ..." : "")}" +
                (command.IsShard ? "" : $"; all are listed in {RunFolder.SummaryFileName} and {RunFolder.ReportFileName}"));
        }
        output.WriteLine(command.IsShard
            ? $"output: {command.OutputDirectory} ({RunFolder.SpecFileName}, {RunFolder.StoreFileName}, {RunFolder.ManifestFileName}); " +
              "join the shards with: flatlab merge --out DIR SHARD_DIR..."
            : $"output: {command.OutputDirectory} ({RunFolder.ReportFiles})");
    }

    /// <summary>A live bar when stderr is an interactive terminal, plain lines otherwise (logs, CI, tests).</summary>
    private static ISweepProgressView CreateView(SweepCommandSpec command, CliStreams streams)
    {
        if (streams.ErrorIsConsole && !Console.IsErrorRedirected)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            if (console.Profile.Capabilities is { Ansi: true, Interactive: true })
                return new LiveProgressView(console, command.Spec.Name + (command.IsShard ? $" {command.Shard}" : ""));
        }
        return new PlainProgressView(streams.Error, PlainProgressView.DefaultInterval);
    }
}
