using System.ComponentModel;
using FlatLab.Activations;
using FlatLab.Cli.Solve;
using FlatLab.Data;
using FlatLab.Solvers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlatLab.Cli.Commands;

/// <summary>The options of <c>flatlab solve</c>; <see cref="ToSpec"/> checks them and builds the spec.</summary>
internal sealed class SolveSettings : ModelSettings<SolveSpec>
{
    [CommandOption("--features <FILE>")]
    [Description("X (n x d): CSV (numpy.savetxt with delimiter=','), .npy, .npz:NAME or .parquet.")]
    public string? Features { get; init; }

    [CommandOption("--labels <FILE>")]
    [Description("y (n values): one column or one row.")]
    public string? Labels { get; init; }

    [CommandOption("--inner-weights <FILE>")]
    [Description("W (m x d), m > n; rows are scaled to unit norm.")]
    public string? InnerWeights { get; init; }

    [CommandOption("--activation <NAME>")]
    [Description("The network's activation: " + ActivationParser.Help + ".")]
    public string? Activation { get; init; }

    [CommandOption("--weights <KIND>")]
    [Description("exact (the objective is the exact minimum flatness) or unit (the paper's unweighted l_p norm).")]
    [DefaultValue("exact")]
    public string Weights { get; init; } = "exact";

    [CommandOption("--point <POINT>")]
    [Description("For p = 1 only: vertex (at most n non-zeros) or central (centre of the optimal face). Default vertex.")]
    public string? Point { get; init; }

    [CommandOption("--seed <SEED>")]
    [Description("Seed of Monte Carlo fallbacks of the population loss.")]
    [DefaultValue(1UL)]
    public ulong Seed { get; init; } = 1;

    [CommandOption("--max-memory <SIZE>")]
    [Description("Refuse up front a solve whose estimated peak memory exceeds SIZE (e.g. 3G). Always refused: above the available memory or cgroup limit.")]
    public string? MaxMemory { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Output directory for solution.json, outer_weights and dual (created if missing). Required unless --json is given.")]
    public string? Out { get; init; }

    [CommandOption("--json <FILE>")]
    [Description("Also write the result object (solution.json, with a and the dual vector) to FILE, or to standard output with '-': "
        + "then no summary is printed and an error is one JSON object on standard error (docs/machine-interface.md).")]
    public string? Json { get; init; }

    [CommandOption("--progress")]
    [Description("Print the stages and solver iterations (relative gap, residual, elapsed time) on stderr. Default: on when stderr is "
        + "a terminal and no --json is given, after the first 2 seconds; off when stderr is piped or redirected.")]
    public bool Progress { get; init; }

    [CommandOption("--no-progress")]
    [Description("Print no progress, not even on a terminal.")]
    public bool NoProgress { get; init; }

    [CommandOption("--out-format <FORMAT>")]
    [Description("csv (default) or npy: the format of outer_weights and dual in --out.")]
    [DefaultValue("csv")]
    public string OutFormat { get; init; } = "csv";

    /// <summary>The checked spec; throws <see cref="InputException"/> naming the bad option.</summary>
    protected override SolveSpec BuildSpec()
    {
        var activation = OptionParsing.Activation(OptionParsing.Required(Activation, "--activation"), "--activation");
        var weighting = Weights.Trim().ToLowerInvariant() switch
        {
            "exact" => OuterWeighting.Exact,
            "unit" => OuterWeighting.Unit,
            _ => throw new InputException($"--weights: unknown value '{Weights}'; expected exact or unit."),
        };
        var point = OptimalPoint.Vertex;
        if (Point is not null)
        {
            point = Point.Trim().ToLowerInvariant() switch
            {
                "vertex" => OptimalPoint.Vertex,
                "central" => OptimalPoint.Central,
                _ => throw new InputException($"--point: unknown value '{Point}'; expected vertex or central."),
            };
            if (activation.K != 1)
                throw new InputException(
                    $"--point applies only to p = 1 (k = 1 activations); '{activation.Name}' has k = {activation.K} and a unique optimum.");
        }
        var format = OptionParsing.ArrayFormat(OutFormat, "--out-format");
        if (Progress && NoProgress) throw new InputException("--progress and --no-progress contradict each other; give one.");
        if (Json is not null && Json.Trim().Length == 0) throw new InputException("--json: expected a file name or '-' (standard output).");
        if (Out is null && Json is null) throw new InputException("--out is required (or --json FILE|- for the result object alone).");
        if (Out is null && format != ArrayFormat.Csv) throw new InputException("--out-format applies to the files in --out; give --out DIR.");
        return new SolveSpec(
            OptionParsing.Required(Features, "--features"),
            OptionParsing.Required(Labels, "--labels"),
            OptionParsing.Required(InnerWeights, "--inner-weights"),
            activation, weighting, point, Seed,
            Out,
            ModelInput(activation),
            Json,
            format)
        {
            MaxMemory = MaxMemory is null ? null : OptionParsing.Bytes(MaxMemory, "--max-memory"),
            Progress = Progress ? true : NoProgress ? false : null,
        };
    }
}
