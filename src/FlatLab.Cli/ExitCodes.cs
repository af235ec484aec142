namespace FlatLab.Cli;

/// <summary>The process exit codes of every command (docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>The command did its job (for solve: the solver solved).</summary>
    public const int Success = 0;

    /// <summary>solve: the input was fine but the solver did not solve; solution.json says why.</summary>
    public const int NotSolved = 1;

    /// <summary>Bad input: a missing or malformed file, inconsistent sizes, an unknown name or option.</summary>
    public const int BadInput = 2;

    /// <summary>An unexpected failure inside FlatLab (a bug): please report it with the message.</summary>
    public const int InternalError = 3;

    /// <summary>The machine, not the input, failed: the disk is full, the file system is read-only or
    /// over quota, or the device reported an I/O error. Retrying elsewhere can succeed.</summary>
    public const int IoFailure = 4;

    /// <summary>sweep: stopped by Ctrl+C (SIGINT), 128 + 2 as shells report it; finished cases are kept.</summary>
    public const int Interrupted = 130;

    /// <summary>sweep: stopped by SIGTERM (128 + 15); finished cases are kept.</summary>
    public const int Terminated = 143;
}
