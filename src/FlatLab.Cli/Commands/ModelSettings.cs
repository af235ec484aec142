using System.ComponentModel;
using FlatLab.Activations;
using FlatLab.Cli.Solve;
using FlatLab.Data;
using Spectre.Console.Cli;

namespace FlatLab.Cli.Commands;

/// <summary>The data-model options shared by <c>solve</c> and <c>evaluate</c> (docs/cli.md): they enable the population loss.</summary>
internal abstract class ModelSettings<TSpec> : SpecSettings<TSpec>
{
    [CommandOption("--directions <FILE>")]
    [Description("U (r x d) with orthonormal rows: enables the population loss.")]
    public string? Directions { get; init; }

    [CommandOption("--link <LINK>")]
    [Description("The link g: " + LinkKindNames.Help + ". Default single-index.")]
    public string? Link { get; init; }

    [CommandOption("--link-activation <NAME>")]
    [Description("sigma* inside the link. Default: the network's activation.")]
    public string? LinkActivation { get; init; }

    [CommandOption("--link-coefficients <LIST>")]
    [Description("c_1,c_2,... for sum-single-index (r values) or b_1,...,b_L for teacher (L values).")]
    public string? LinkCoefficients { get; init; }

    [CommandOption("--noise-std <S>")]
    [Description("Label-noise standard deviation s of the data model. Default 0.")]
    public double? NoiseStd { get; init; }

    [CommandOption("--quadratic-form <FILE>")]
    [Description("A (d x d) for --link quadratic-feature.")]
    public string? QuadraticForm { get; init; }

    [CommandOption("--teacher-weights <FILE>")]
    [Description("V (L x r) for --link teacher.")]
    public string? TeacherWeights { get; init; }

    /// <summary>The data model's files and choices; null without --directions. Throws <see cref="InputException"/> naming a stray or bad option.</summary>
    protected DataModelInput? ModelInput(Activation networkActivation)
    {
        if (Directions is null)
        {
            var stray = new (string Option, object? Value)[]
            {
                ("--link", Link), ("--link-activation", LinkActivation), ("--link-coefficients", LinkCoefficients),
                ("--noise-std", NoiseStd), ("--quadratic-form", QuadraticForm), ("--teacher-weights", TeacherWeights),
            }.FirstOrDefault(o => o.Value is not null);
            if (stray.Option is not null)
                throw new InputException($"{stray.Option} describes the data model and needs --directions U.csv.");
            return null;
        }
        var link = Link is null ? LinkKind.SingleIndex : OptionParsing.Link(Link, "--link");
        var linkActivation = LinkActivation is null ? networkActivation : OptionParsing.Activation(LinkActivation, "--link-activation");
        var coefficients = LinkCoefficients is null ? null : OptionParsing.Numbers(LinkCoefficients, "--link-coefficients");
        if (coefficients is not null && link is not (LinkKind.SumSingleIndex or LinkKind.Teacher))
            throw new InputException($"--link-coefficients applies only to sum-single-index and teacher links, not {link.Name()}.");
        if ((link == LinkKind.QuadraticFeature) != (QuadraticForm is not null))
            throw new InputException(link == LinkKind.QuadraticFeature
                ? "--link quadratic-feature needs --quadratic-form A.csv (d x d)."
                : "--quadratic-form applies only to --link quadratic-feature.");
        if ((link == LinkKind.Teacher) != (TeacherWeights is not null))
            throw new InputException(link == LinkKind.Teacher
                ? "--link teacher needs --teacher-weights V.csv (L x r)."
                : "--teacher-weights applies only to --link teacher.");
        var noise = OptionParsing.NonNegative(NoiseStd ?? 0, "--noise-std");
        return new DataModelInput(Directions, link, linkActivation, coefficients, noise, QuadraticForm, TeacherWeights);
    }
}
