using FlatLab.Cli.Sweep;
using Spectre.Console.Cli;

namespace FlatLab.Cli.Commands;

/// <summary><c>flatlab plot</c>: see docs/sweeps.md.</summary>
internal sealed class PlotCommand : Command<PlotSettings>
{
    public override int Execute(CommandContext context, PlotSettings settings, CancellationToken cancellationToken) =>
        PlotRunner.Run(settings.ToSpec(), (CliStreams)context.Data!);
}
