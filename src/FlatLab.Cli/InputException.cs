namespace FlatLab.Cli;

/// <summary>Bad input, with a message that names the option, the file and the problem.</summary>
internal sealed class InputException : Exception
{
    public InputException(string message, Exception? inner = null) : base(message, inner) { }
}
