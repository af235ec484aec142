using FlatLab.Cli.Sweep;
using Spectre.Console.Cli;

namespace FlatLab.Cli.Commands;

/// <summary><c>flatlab sweep</c>: see docs/sweeps.md.</summary>
internal sealed class SweepCommand : Command<SweepSettings>
{
    public override int Execute(CommandContext context, SweepSettings settings, CancellationToken cancellationToken) =>
        SweepCommandRunner.Run(settings.ToSpec(), (CliStreams)context.Data!, cancellationToken);
}
