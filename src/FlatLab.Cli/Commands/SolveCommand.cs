using FlatLab.Cli.Solve;
using Spectre.Console.Cli;

namespace FlatLab.Cli.Commands;

/// <summary><c>flatlab solve</c>: see docs/cli.md.</summary>
internal sealed class SolveCommand : Command<SolveSettings>
{
    public override int Execute(CommandContext context, SolveSettings settings, CancellationToken cancellationToken) =>
        SolveRunner.Run(settings.ToSpec(), (CliStreams)context.Data!);
}
