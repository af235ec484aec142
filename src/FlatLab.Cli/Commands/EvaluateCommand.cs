using FlatLab.Cli.Evaluate;
using Spectre.Console.Cli;

namespace FlatLab.Cli.Commands;

/// <summary><c>flatlab evaluate</c>: see docs/cli.md.</summary>
internal sealed class EvaluateCommand : Command<EvaluateSettings>
{
    public override int Execute(CommandContext context, EvaluateSettings settings, CancellationToken cancellationToken) =>
        EvaluateRunner.Run(settings.ToSpec(), (CliStreams)context.Data!);
}
