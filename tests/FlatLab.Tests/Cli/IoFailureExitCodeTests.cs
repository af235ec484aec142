namespace FlatLab.Tests.Cli;

/// <summary>A full disk is the machine's failure, not bad input: exit 4, apart from 2.</summary>
public sealed class IoFailureExitCodeTests
{
    [Fact]
    public void Given_a_full_device_When_a_command_writes_Then_exit_code_4_names_an_io_failure()
    {
        if (!File.Exists("/dev/full")) return; // Linux only: a device that is always full
        var full = new StreamWriter(new FileStream("/dev/full", FileMode.Open, FileAccess.Write), bufferSize: 16) { AutoFlush = true };
        var error = new StringWriter();

        var code = FlatLab.Cli.FlatLabApp.Run(["presets", "paper"], full, error);

        Assert.Equal(FlatLab.Cli.ExitCodes.IoFailure, code);
        Assert.StartsWith("flatlab: I/O failure: ", error.ToString());
        try { full.Dispose(); } catch (IOException) { } // the buffered rest cannot be flushed either
    }

    [Fact]
    public void Given_a_missing_input_file_When_solving_Then_it_stays_bad_input()
    {
        using var dir = new TempDirectory();
        var run = CliRun.Of("solve", "--features", dir.File("none.csv"), "--labels", dir.File("y.csv"),
            "--inner-weights", dir.File("W.csv"), "--activation", "relu", "--out", dir.File("out"));

        Assert.Equal(2, run.ExitCode);
    }
}
