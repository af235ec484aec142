using System.ComponentModel;
using FlatLab.Experiments.Specs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlatLab.Cli.Commands;

/// <summary>The arguments of <c>flatlab presets</c>.</summary>
internal sealed class PresetsSettings : CommandSettings
{
    [CommandArgument(0, "[NAME]")]
    [Description("A preset whose commented spec to print; without it, the presets are listed.")]
    public string? Name { get; init; }

    public override ValidationResult Validate() =>
        Name is null || SweepPresets.Names.Contains(Name)
            ? ValidationResult.Success()
            : ValidationResult.Error($"Unknown preset '{Name}'; expected one of {string.Join(", ", SweepPresets.Names)}.");
}
