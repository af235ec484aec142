using Spectre.Console;
using Spectre.Console.Cli;

namespace FlatLab.Cli.Commands;

/// <summary>A command's settings: they only parse and check, then hand an immutable spec on.</summary>
public abstract class SpecSettings<TSpec> : CommandSettings
{
    /// <summary>The checked spec; throws <see cref="InputException"/> naming the bad option.</summary>
    public abstract TSpec ToSpec();

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
