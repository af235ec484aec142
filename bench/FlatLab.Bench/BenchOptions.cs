using System.Globalization;

namespace FlatLab.Bench;

/// <summary>The command line of the benchmark: a mode, the sample sizes and where results go.</summary>
public sealed record BenchOptions
{
    public const string Usage =
        "usage: FlatLab.Bench solver|kernels|training|sweep [--sizes 250,500,1000,2000] [--out bench/results] [--seed 20261128]\n" +
        "       FlatLab.Bench warm-solve --instance DIR [--activation relu] [--repeat 5]";

    public BenchMode Mode { get; init; } = BenchMode.Solver;

    /// <summary>The sample sizes n of the solver benchmark (m = 2n, d = n/4).</summary>
    public int[] Sizes { get; init; } = [250, 500, 1000, 2000];

    /// <summary>The folder for the Markdown and CSV result files.</summary>
    public string OutputDirectory { get; init; } = Path.Combine("bench", "results");

    /// <summary>The seed every instance derives its own seed from.</summary>
    public ulong Seed { get; init; } = 20261128;

    /// <summary>A method whose estimated solve time exceeds this is skipped (Python peers).</summary>
    public double PeerBudgetSeconds { get; init; } = 240;

    /// <summary>GLOP is skipped above this estimated time and stopped by its time limit here.</summary>
    public double GlopBudgetSeconds { get; init; } = 180;

    /// <summary>The Python interpreter that sees the Debian numpy, scipy and cvxopt packages.</summary>
    public string Python { get; init; } = "/usr/bin/python3";

    /// <summary>The peer script, solving the same problem with HiGHS, cvxopt or a NumPy Newton method.</summary>
    /// <summary>Relative to the repository root, where the project's shared folder sits beside the clone.</summary>
    public string PeerScript { get; init; } = Path.Combine("..", "shared", "peers", "peer_solve.py");

    /// <summary>warm-solve: the folder with the instance's X.csv, y.csv and W.csv (from <c>flatlab generate</c>).</summary>
    public string? Instance { get; init; }

    /// <summary>warm-solve: the activation the instance is solved with.</summary>
    public string Activation { get; init; } = "relu";

    /// <summary>warm-solve: the timed repetitions after the first, which pays the start-up.</summary>
    public int Repeat { get; init; } = 5;

    public static BenchOptions Parse(string[] args)
    {
        if (args.Length == 0) throw new ArgumentException("Missing the mode (solver, kernels, training or sweep).");
        var options = new BenchOptions
        {
            Mode = args[0].ToLowerInvariant() switch
            {
                "solver" => BenchMode.Solver,
                "kernels" => BenchMode.Kernels,
                "training" => BenchMode.Training,
                "sweep" => BenchMode.Sweep,
                "warm-solve" => BenchMode.WarmSolve,
                _ => throw new ArgumentException($"Unknown mode '{args[0]}'; expected solver, kernels, training, sweep or warm-solve."),
            },
        };
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"Option {args[i]} needs a value.");
            options = args[i] switch
            {
                "--sizes" => options with { Sizes = value.Split(',').Select(s => ParseInt(s, "--sizes")).ToArray() },
                "--out" => options with { OutputDirectory = value },
                "--seed" => options with { Seed = ulong.Parse(value, CultureInfo.InvariantCulture) },
                "--python" => options with { Python = value },
                "--peer-script" => options with { PeerScript = value },
                "--instance" => options with { Instance = value },
                "--activation" => options with { Activation = value },
                "--repeat" => options with { Repeat = ParseInt(value, "--repeat") },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
            i++;
        }
        return options.Validate();
    }

    public BenchOptions Validate()
    {
        if (Sizes.Length == 0 || Sizes.Any(n => n < 8))
            throw new ArgumentException("Every size n must be at least 8 (d = n/4, rounded down).");
        if (Repeat < 1) throw new ArgumentException("--repeat must be at least 1.");
        return this;
    }

    private static int ParseInt(string text, string option) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new ArgumentException($"{option}: '{text}' is not an integer.");
}
