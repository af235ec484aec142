using FlatLab.Cli;

namespace FlatLab.Tests.Cli;

/// <summary>
/// Names and tokens echoed from the input reach the terminal with their control characters spelled out
/// (\u001b, not ESC): a file cannot drive the terminal through FlatLab's messages.
/// </summary>
public sealed class TerminalEscapeTests
{
    private const string Escape = "\u001b]0;owned\u0007\u001b[31m";

    [Fact]
    public void Given_a_csv_token_with_escape_sequences_When_it_fails_to_parse_Then_the_message_shows_them_escaped()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("X.csv"), $"1,0\n0,{Escape}1\n1,1\n");
        File.WriteAllText(dir.File("y.csv"), "1\n2\n3\n");
        File.WriteAllText(dir.File("W.csv"), "1,0\n0,1\n1,1\n1,-1\n-1,2\n");

        var run = CliRun.Of("solve", "--features", dir.File("X.csv"), "--labels", dir.File("y.csv"), "--inner-weights",
            dir.File("W.csv"), "--activation", "relu", "--out", dir.File("out"));

        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain('\u001b', run.Error);
        Assert.DoesNotContain('\u0007', run.Error);
        Assert.Contains("\\u001b]0;owned\\u0007\\u001b[31m", run.Error);
    }

    [Fact]
    public void Given_a_spec_name_with_escape_sequences_When_validated_Then_the_echoed_name_is_escaped()
    {
        using var dir = new TempDirectory();
        var spec = dir.File("spec.json");
        File.WriteAllText(spec, "{\"name\": \"x\\u001b[2J\\u009b31m\", \"panels\": [{\"name\": \"relu\", \"link\": \"single-index\", " +
                                "\"activation\": \"relu\", \"d\": 4, \"n\": 10, \"m\": 20}]}");

        var run = CliRun.Of("sweep", "--spec", spec, "--out", dir.File("run"));

        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain('\u001b', run.Error);
        Assert.DoesNotContain('\u009b', run.Error);
        Assert.Contains("\\u001b[2J", run.Error);
        Assert.Contains("control characters", run.Error);
        Assert.False(Directory.Exists(dir.File("run")));
    }

    [Fact]
    public void Given_an_argument_with_escape_sequences_When_rejected_Then_the_echoed_value_is_escaped()
    {
        var run = CliRun.Of("solve", "--activation", $"relu{Escape}", "--features", "a", "--labels", "b", "--inner-weights", "c");

        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain('\u001b', run.Error);
        Assert.Contains("\\u001b", run.Error);
    }

    [Theory]
    [InlineData("plain text, tabs\tand\nnew lines", "plain text, tabs\tand\nnew lines")]
    [InlineData("bell\u0007", "bell\\u0007")]
    [InlineData("csi\u009b1m del\u007f", "csi\\u009b1m del\\u007f")]
    [InlineData("bidi\u202eevil\u2066", "bidi\\u202eevil\\u2066")]
    [InlineData("crlf\r\n", "crlf\\u000d\n")]
    [InlineData("unicode αβ ü 中", "unicode αβ ü 中")]
    public void Given_text_When_escaped_Then_only_control_characters_are_spelled_out(string text, string expected)
    {
        Assert.Equal(expected, TerminalSafeWriter.Escape(text));
        var sink = new StringWriter();
        using (var writer = new TerminalSafeWriter(sink))
        {
            foreach (var c in text) writer.Write(c);
            writer.Write(text.ToCharArray(), 0, text.Length);
        }
        Assert.Equal(expected + expected, sink.ToString());
    }
}
