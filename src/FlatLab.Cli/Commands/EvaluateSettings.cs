using System.ComponentModel;
using FlatLab.Activations;
using FlatLab.Cli.Evaluate;
using FlatLab.Evaluation;
using Spectre.Console.Cli;

namespace FlatLab.Cli.Commands;

/// <summary>The options of <c>flatlab evaluate</c>; <see cref="ToSpec"/> checks them and builds the spec.</summary>
internal sealed class EvaluateSettings : ModelSettings<EvaluateSpec>
{
    [CommandOption("--features <FILE>")]
    [Description("X (n x d): CSV, .npy, .npz:NAME or .parquet.")]
    public string? Features { get; init; }

    [CommandOption("--labels <FILE>")]
    [Description("y (n values): one column or one row.")]
    public string? Labels { get; init; }

    [CommandOption("--inner-weights <FILE>")]
    [Description("W (m x d) of the trained network, as trained (rows of any non-zero norm).")]
    public string? InnerWeights { get; init; }

    [CommandOption("--outer-weights <FILE>")]
    [Description("a (m values) of the trained network.")]
    public string? OuterWeights { get; init; }

    [CommandOption("--activation <NAME>")]
    [Description("The network's activation: " + ActivationParser.Help + ".")]
    public string? Activation { get; init; }

    [CommandOption("--interpolation-tolerance <TOL>")]
    [Description("The network interpolates when max |f(x_i) - y_i| <= TOL * max(1, max |y_i|); only then is it compared with the flattest interpolator. Default 1e-6.")]
    public double? InterpolationTolerance { get; init; }

    [CommandOption("--seed <SEED>")]
    [Description("Seed of Monte Carlo fallbacks of the population loss.")]
    [DefaultValue(1UL)]
    public ulong Seed { get; init; } = 1;

    [CommandOption("--out <DIR>")]
    [Description("Output directory for evaluation.json (created if missing). Required unless --json is given.")]
    public string? Out { get; init; }

    [CommandOption("--json <FILE>")]
    [Description("Also write the result object to FILE, or to standard output with '-' (docs/machine-interface.md).")]
    public string? Json { get; init; }

    protected override EvaluateSpec BuildSpec()
    {
        var activation = OptionParsing.Activation(OptionParsing.Required(Activation, "--activation"), "--activation");
        var tolerance = OptionParsing.NonNegative(InterpolationTolerance ?? NetworkEvaluationSpec.DefaultInterpolationTolerance,
            "--interpolation-tolerance");
        if (Json is not null && Json.Trim().Length == 0) throw new InputException("--json: expected a file name or '-' (standard output).");
        if (Out is null && Json is null) throw new InputException("--out is required (or --json FILE|- for the result object alone).");
        return new EvaluateSpec(
            OptionParsing.Required(Features, "--features"),
            OptionParsing.Required(Labels, "--labels"),
            OptionParsing.Required(InnerWeights, "--inner-weights"),
            OptionParsing.Required(OuterWeights, "--outer-weights"),
            activation, tolerance, Seed, Out, ModelInput(activation), Json);
    }
}
