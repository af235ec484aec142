using FlatLab.Cli.Sweep;
using Spectre.Console.Cli;

namespace FlatLab.Cli.Commands;

/// <summary><c>flatlab presets [NAME]</c>: see docs/sweeps.md.</summary>
internal sealed class PresetsCommand : Command<PresetsSettings>
{
    public override int Execute(CommandContext context, PresetsSettings settings, CancellationToken cancellationToken)
    {
        var output = ((CliStreams)context.Data!).Out;
        if (settings.Name is null) PresetListing.List(output);
        else output.Write(PresetListing.Text(settings.Name));
        return ExitCodes.Success;
    }
}
