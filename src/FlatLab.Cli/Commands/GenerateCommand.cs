using FlatLab.Cli.Generate;
using Spectre.Console.Cli;

namespace FlatLab.Cli.Commands;

/// <summary><c>flatlab generate</c>: see docs/cli.md.</summary>
internal sealed class GenerateCommand : Command<GenerateSettings>
{
    public override int Execute(CommandContext context, GenerateSettings settings, CancellationToken cancellationToken) =>
        GenerateRunner.Run(settings.ToSpec(), (CliStreams)context.Data!);
}
