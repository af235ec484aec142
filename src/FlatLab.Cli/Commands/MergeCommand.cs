using FlatLab.Cli.Sweep;
using Spectre.Console.Cli;

namespace FlatLab.Cli.Commands;

/// <summary><c>flatlab merge</c>: see docs/sweeps.md.</summary>
internal sealed class MergeCommand : Command<MergeSettings>
{
    public override int Execute(CommandContext context, MergeSettings settings, CancellationToken cancellationToken) =>
        MergeRunner.Run(settings.ToSpec(), (CliStreams)context.Data!);
}
