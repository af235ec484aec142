using System.ComponentModel;
using FlatLab.Activations;
using FlatLab.Cli.Generate;
using FlatLab.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FlatLab.Cli.Commands;

/// <summary>The options of <c>flatlab generate</c>; <see cref="ToSpec"/> checks them and builds the spec.</summary>
internal sealed class GenerateSettings : SpecSettings<GenerateSpec>
{
    [CommandOption("-d|--dimension <D>")]
    [Description("Input dimension d.")]
    [DefaultValue(50)]
    public int D { get; init; } = 50;

    [CommandOption("-n|--samples <N>")]
    [Description("Number of samples n.")]
    [DefaultValue(200)]
    public int N { get; init; } = 200;

    [CommandOption("-m|--neurons <M>")]
    [Description("Number of neurons m (> n).")]
    [DefaultValue(400)]
    public int M { get; init; } = 400;

    [CommandOption("--rank <R>")]
    [Description("Number of true directions r for sum-single-index and teacher links (single-index, linear and quadratic-feature use r = 1).")]
    [DefaultValue(3)]
    public int Rank { get; init; } = 3;

    [CommandOption("--rho <RHO>")]
    [Description("Correlation rho in [[0, 1]] of the inner weights with span(U).")]
    [DefaultValue(0.5)]
    public double Rho { get; init; } = 0.5;

    [CommandOption("--activation <NAME>")]
    [Description("The network's activation: " + ActivationParser.Help + ".")]
    [DefaultValue("relu")]
    public string Activation { get; init; } = "relu";

    [CommandOption("--link <LINK>")]
    [Description("The link g: " + LinkKindNames.Help + ".")]
    [DefaultValue("single-index")]
    public string Link { get; init; } = "single-index";

    [CommandOption("--link-activation <NAME>")]
    [Description("sigma* inside the link. Default: the network's activation.")]
    public string? LinkActivation { get; init; }

    [CommandOption("--link-coefficients <LIST>")]
    [Description("c_1,...,c_r for sum-single-index or b_1,...,b_r for teacher. Default: equal signal power (sum), 1/sqrt(r) (teacher).")]
    public string? LinkCoefficients { get; init; }

    [CommandOption("--noise-std <S>")]
    [Description("Label-noise standard deviation s.")]
    [DefaultValue(0.1)]
    public double NoiseStd { get; init; } = 0.1;

    [CommandOption("--seed <SEED>")]
    [Description("Seed of every random draw.")]
    [DefaultValue(1UL)]
    public ulong Seed { get; init; } = 1;

    [CommandOption("--out <DIR>")]
    [Description("Output directory (created if missing).")]
    public string? Out { get; init; }

    protected override GenerateSpec BuildSpec()
    {
        if (D < 1) throw new InputException($"-d must be >= 1, got {D}.");
        if (N < 1) throw new InputException($"-n must be >= 1, got {N}.");
        if (M <= N) throw new InputException($"-m = {M} must exceed -n = {N} (the network must be over-parameterised to interpolate).");
        var link = OptionParsing.Link(Link, "--link");
        var rank = link is LinkKind.SumSingleIndex or LinkKind.Teacher ? Rank : 1;
        if (rank < 1 || rank > D) throw new InputException($"--rank must lie in [1, d = {D}], got {Rank}.");
        if (!(Rho >= 0 && Rho <= 1)) throw new InputException($"--rho must lie in [0, 1], got {Rho}.");
        var activation = OptionParsing.Activation(Activation, "--activation");
        var linkActivation = LinkActivation is null ? activation : OptionParsing.Activation(LinkActivation, "--link-activation");
        double[]? coefficients = null;
        if (LinkCoefficients is not null)
        {
            if (link is not (LinkKind.SumSingleIndex or LinkKind.Teacher))
                throw new InputException($"--link-coefficients applies only to sum-single-index and teacher links, not {link.Name()}.");
            coefficients = OptionParsing.Numbers(LinkCoefficients, "--link-coefficients");
            if (coefficients.Length != rank)
                throw new InputException($"--link-coefficients: {coefficients.Length} values given but r = {rank}.");
        }
        var noise = OptionParsing.NonNegative(NoiseStd, "--noise-std");
        var model = new DataModelSpec(D, rank, link, linkActivation, coefficients, noise);
        return new GenerateSpec(model, N, M, Rho, activation, Seed, OptionParsing.Required(Out, "--out"));
    }
}
