using Spectre.Console;
using Spectre.Console.Cli;

namespace FlatLab.Cli.Commands;

/// <summary>A command's settings: they only parse and check, then hand an immutable spec on.</summary>
internal abstract class SpecSettings<TSpec> : CommandSettings
{
    private TSpec? _spec;

    /// <summary>The checked spec, built once: the settings are checked before the command runs, and the
    /// command runs what that check built.</summary>
    public TSpec ToSpec() => _spec ??= BuildSpec();

    /// <summary>Parses and checks the options; throws <see cref="InputException"/> naming the bad option.</summary>
    protected abstract TSpec BuildSpec();

    public override ValidationResult Validate()
    {
        try
        {
            ToSpec();
            return ValidationResult.Success();
        }
        catch (InputException e)
        {
            return ValidationResult.Error(e.Message);
        }
    }
}
