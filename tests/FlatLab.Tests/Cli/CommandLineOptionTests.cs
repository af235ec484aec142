using System.Text.RegularExpressions;

namespace FlatLab.Tests.Cli;

/// <summary>The command line as a whole: every help page renders, and option slips are errors that name the option.</summary>
public sealed class CommandLineOptionTests
{
    /// <summary>The commands listed by <c>flatlab --help</c>, read from its COMMANDS section so a new command is covered too.</summary>
    private static string[] ListedCommands()
    {
        var help = CliRun.Of("--help");
        Assert.Equal(0, help.ExitCode);
        var section = help.Output[(help.Output.IndexOf("COMMANDS:", StringComparison.Ordinal) + "COMMANDS:".Length)..];
        return Regex.Matches(section, @"^ {4}([a-z][a-z-]*)", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToArray();
    }

    [Fact]
    public void Given_every_command_When_asking_for_help_Then_it_renders_with_exit_0()
    {
        var commands = ListedCommands();
        Assert.Superset(new HashSet<string>(["solve", "generate", "sweep", "merge", "plot", "presets"]), commands.ToHashSet());
        foreach (var command in commands)
        {
            var run = CliRun.Of(command, "--help");
            Assert.True(run.ExitCode == 0, $"flatlab {command} --help exited {run.ExitCode}: {run.Error}");
            Assert.Contains("USAGE:", run.Output);
            Assert.Contains(command, run.Output);
            Assert.Equal("", run.Error);
        }
    }

    [Theory]
    [InlineData("generate", "--seed", "-1", "a whole number >= 0")]
    [InlineData("generate", "--seed", "x", "a whole number >= 0")]
    [InlineData("generate", "--noise-std", "abc", "a number")]
    [InlineData("sweep", "--threads", "x", "a whole number")]
    public void Given_an_unconvertible_option_value_When_running_Then_the_message_names_the_option(
        string command, string option, string value, string expected)
    {
        using var dir = new TempDirectory();
        var run = CliRun.Of(command, option, value, "--out", dir.File("out"));

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains($"{option}: '{value}' is not {expected}", line);
        Assert.DoesNotContain("Nullable", line);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Theory]
    [InlineData("--seed", "1", "--seed", "2")]
    [InlineData("--d", "4", "--d", "5")]
    [InlineData("--rho=0.5", null, "--rho", "0.25")]
    public void Given_an_option_given_twice_When_running_Then_it_is_an_error_naming_it(
        string first, string? firstValue, string second, string secondValue)
    {
        using var dir = new TempDirectory();
        var args = new List<string> { "generate", "--n", "6", "--m", "12" };
        args.Add(first);
        if (firstValue is not null) args.Add(firstValue);
        args.AddRange([second, secondValue, "--out", dir.File("out")]);
        if (first != "--d") args.AddRange(["--d", "4"]);

        var run = CliRun.Of(args.ToArray());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{second} is given more than once", Assert.Single(run.ErrorLines));
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public void Given_a_negative_number_as_a_value_When_checking_repeats_Then_it_is_not_taken_for_an_option()
    {
        using var dir = new TempDirectory();
        var run = CliRun.Of("generate", "--d", "4", "--n", "6", "--m", "12", "--noise-std", "-1", "--out", dir.File("out"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--noise-std", Assert.Single(run.ErrorLines));
        Assert.DoesNotContain("more than once", run.Error);
    }
}
