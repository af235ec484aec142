using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using FlatLab.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlatLab.Cli;

/// <summary>
/// The <c>flatlab</c> command line. <see cref="Run"/> is the whole program with its output
/// streams injected, so tests run it in-process.
/// </summary>
internal static class FlatLabApp
{
    /// <summary>Runs one command line and returns the exit code (see <see cref="ExitCodes"/>).
    /// Never throws: every failure becomes one line on <paramref name="error"/>.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        // Messages and summaries echo names and tokens from the input: escaped, never sent raw to a terminal.
        var streams = new CliStreams(new TerminalSafeWriter(output), new TerminalSafeWriter(error), args);
        error = streams.Error;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("flatlab");
            config.SetApplicationVersion(Version);
            config.SetApplicationCulture(CultureInfo.InvariantCulture);
            config.ConfigureConsole(console);
            config.PropagateExceptions();
            config.UseStrictParsing();
            config.AddCommand<SolveCommand>("solve")
                .WithDescription("Solve the flattest-interpolator problem for given X, y and inner weights W.")
                .WithData(streams)
                .WithExample("solve", "--features", "X.csv", "--labels", "y.csv", "--inner-weights", "W.csv",
                    "--activation", "relu", "--out", "runs/example");
            config.AddCommand<EvaluateCommand>("evaluate")
                .WithDescription("Evaluate a trained network (X, y, W, a): exact Hessian trace, orbit minimum, flattest interpolator and the ratio.")
                .WithData(streams)
                .WithExample("evaluate", "--features", "X.npy", "--labels", "y.npy", "--inner-weights", "W.npy",
                    "--outer-weights", "a.npy", "--activation", "relu", "--json", "-");
            config.AddCommand<GenerateCommand>("generate")
                .WithDescription("Write a synthetic instance (X, y, W, U) drawn from a Gaussian multi-index model.")
                .WithData(streams)
                .WithExample("generate", "--d", "50", "--n", "200", "--m", "400", "--rho", "0.5", "--out", "runs/instance");
            config.AddCommand<SweepCommand>("sweep")
                .WithDescription("Run a sweep (a preset or a spec file): every case, then results, figures and report.")
                .WithData(streams)
                .WithExample("sweep", "--preset", "paper", "--out", "runs/paper")
                .WithExample("sweep", "--spec", "my-sweep.jsonc", "--out", "runs/mine", "--shard", "0/4");
            config.AddCommand<MergeCommand>("merge")
                .WithDescription("Join the run folders of shards (sweep --shard I/N) into one run with its report.")
                .WithData(streams)
                .WithExample("merge", "--out", "runs/paper", "runs/shard-0", "runs/shard-1", "runs/shard-2");
            config.AddCommand<PlotCommand>("plot")
                .WithDescription("Draw the figures again from a results table (results.csv or results.parquet).")
                .WithData(streams)
                .WithExample("plot", "--results", "runs/paper/results.parquet", "--out", "runs/paper/figures");
            config.AddCommand<PresetsCommand>("presets")
                .WithDescription("List the built-in sweeps, or print one's commented spec to copy and edit.")
                .WithData(streams)
                .WithExample("presets")
                .WithExample("presets", "paper");
        });
        try
        {
            var normalised = NormaliseArguments(args);
            RejectRepeatedOptions(normalised);
            return app.Run(normalised);
        }
        catch (Exception e) when (DeviceFailure(e) is { } failure)
        {
            var message = OneLine(e.Message) + (ReferenceEquals(failure, e) ? "" : $" ({OneLine(failure.Message)})");
            if (MachineOutput.Requested(args)) error.WriteLine(MachineOutput.Error("io_failure", ExitCodes.IoFailure, message));
            else error.WriteLine($"flatlab: I/O failure: {message}");
            return ExitCodes.IoFailure;
        }
        catch (Exception e) when (IsBadInput(e))
        {
            var message = OneLine(NameConversionFailure(NormaliseArguments(args), e.Message));
            if (MachineOutput.Requested(args)) error.WriteLine(MachineOutput.Error("bad_input", ExitCodes.BadInput, message));
            else error.WriteLine($"flatlab: error: {message}");
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            var message = $"{e.GetType().Name}: {OneLine(e.Message)}";
            if (MachineOutput.Requested(args)) error.WriteLine(MachineOutput.Error("internal_error", ExitCodes.InternalError, message));
            else error.WriteLine($"flatlab: internal error ({e.GetType().Name}): {OneLine(e.Message)}");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>The version recorded in every output.</summary>
    public static string Version { get; } =
        typeof(FlatLab.Solvers.FlattestInterpolatorSolver).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>errno values of a failing device or file system (Linux numbering, which .NET keeps as the
    /// HResult of the IOException): EIO, EFBIG, ENOSPC, EROFS, EDQUOT.</summary>
    private static readonly HashSet<int> DeviceErrors = [5, 27, 28, 30, 122];

    /// <summary>The IOException, in <paramref name="e"/> or among its inner exceptions, that says the disk or
    /// file system failed (rather than the input being wrong); null if there is none.</summary>
    internal static IOException? DeviceFailure(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is IOException io && DeviceErrors.Contains(io.HResult)) return io;
        return null;
    }

    /// <summary>Exceptions that mean the input, not FlatLab, is at fault.</summary>
    internal static bool IsBadInput(Exception e) =>
        e is InputException or ArgumentException or FormatException or IOException or UnauthorizedAccessException
            or CommandAppException or InvalidDataException or FlatLab.Experiments.Results.ResultStoreException
            or FlatLab.Experiments.Runs.RunFolderInUseException;

    /// <summary>
    /// Accepts <c>--d</c>, <c>--n</c>, <c>--m</c> (the paper's symbols) and <c>--x</c>, <c>--y</c> (plot's axes) as
    /// <c>-d</c>, <c>-n</c>, <c>-m</c>, <c>-x</c>, <c>-y</c>:
    /// Spectre.Console.Cli requires long option names of two or more characters.
    /// </summary>
    /// <remarks>Also joins <c>--json -</c> into <c>--json=-</c>: the parser would take a lone "-" for an option.</remarks>
    internal static string[] NormaliseArguments(string[] args)
    {
        var result = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (a == "--json" && i + 1 < args.Length && args[i + 1] == MachineOutput.StandardOutput)
            {
                result.Add("--json=" + MachineOutput.StandardOutput);
                i++;
                continue;
            }
            result.Add(a is "--d" or "--n" or "--m" or "--x" or "--y" ? a[1..]
                : a.StartsWith("--d=") || a.StartsWith("--n=") || a.StartsWith("--m=") || a.StartsWith("--x=") || a.StartsWith("--y=") ? a[1..] : a);
        }
        return [.. result];
    }

    /// <summary>
    /// A repeated option is an error naming it: the parser would keep the last value and drop the
    /// others without a word (<c>--seed 1 --seed 2</c> is more likely a slip than an intent).
    /// </summary>
    internal static void RejectRepeatedOptions(string[] args)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var arg in args.Skip(1))
        {
            if (!IsOptionToken(arg)) continue;
            var name = arg.Split('=', 2)[0];
            if (!seen.Add(name))
                throw new InputException($"{Display(name)} is given more than once; give it once.");
        }
    }

    /// <summary>An option name, not a value: negative numbers such as <c>-1</c> are values.</summary>
    private static bool IsOptionToken(string arg) =>
        arg.Length > 1 && arg[0] == '-' && arg != "--"
        && !double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>The option as the user typed it (<c>-d</c> is shown as <c>--d</c>).</summary>
    private static string Display(string name) => name is "-d" or "-n" or "-m" ? "-" + name : name;

    /// <summary>
    /// The parser's "Failed to convert '-1' to UInt64." names neither the option nor what it accepts:
    /// find the option that carried the value and say what it expects.
    /// </summary>
    internal static string NameConversionFailure(string[] args, string message)
    {
        var failed = Regex.Match(message, @"^Failed to convert '(.*)' to ([^.\s]+)\.", RegexOptions.Singleline);
        if (!failed.Success) return message;
        var value = failed.Groups[1].Value;
        for (var i = 1; i < args.Length; i++)
        {
            string? option = null;
            if (args[i] == value && IsOptionToken(args[i - 1])) option = args[i - 1];
            else if (args[i].EndsWith("=" + value, StringComparison.Ordinal) && IsOptionToken(args[i])) option = args[i].Split('=', 2)[0];
            if (option is null) continue;
            var type = OptionType(args[0], option);
            return $"{Display(option)}: '{value}' is not {Expected(type)}.";
        }
        return message;
    }

    private static readonly Dictionary<string, Type> SettingsTypes = new(StringComparer.Ordinal)
    {
        ["solve"] = typeof(SolveSettings), ["generate"] = typeof(GenerateSettings), ["sweep"] = typeof(SweepSettings),
        ["merge"] = typeof(MergeSettings), ["plot"] = typeof(PlotSettings), ["presets"] = typeof(PresetsSettings),
        ["evaluate"] = typeof(EvaluateSettings),
    };

    private static Type? OptionType(string command, string option)
    {
        if (!SettingsTypes.TryGetValue(command, out var settings)) return null;
        var name = option.TrimStart('-');
        var property = settings.GetProperties().FirstOrDefault(p =>
            p.GetCustomAttribute<CommandOptionAttribute>() is { } o && (o.LongNames.Contains(name) || o.ShortNames.Contains(name)));
        return property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
    }

    private static string Expected(Type? type) =>
        type == typeof(ulong) ? "a whole number >= 0"
        : type == typeof(int) ? "a whole number"
        : type == typeof(long) ? "a whole number"
        : type == typeof(uint) ? "a whole number >= 0"
        : type == typeof(double) ? "a number"
        : type == typeof(bool) ? "true or false"
        : "a valid value";

    internal static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
