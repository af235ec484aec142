using System.Diagnostics;

namespace FlatLab.Tests.Cli;

/// <summary>The built command line (FlatLab.Cli.dll next to the tests) in a child process of its own.</summary>
internal static class CliProcess
{
    public static Process Start(params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "FlatLab.Cli.dll");
        Assert.True(File.Exists(cli), $"the CLI is not built next to the tests: {cli}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(cli);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the CLI");
    }

    /// <summary>Waits for the child to end and returns its exit code and both streams.</summary>
    public static CliRun Finish(Process child, TimeSpan timeout)
    {
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        if (!child.WaitForExit(timeout))
        {
            child.Kill();
            Assert.Fail($"the child did not end within {timeout}");
        }
        return new CliRun(child.ExitCode, output.Result, error.Result);
    }
}
