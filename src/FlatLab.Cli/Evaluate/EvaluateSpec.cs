using FlatLab.Activations;
using FlatLab.Cli.Solve;

namespace FlatLab.Cli.Evaluate;

/// <summary>What <c>flatlab evaluate</c> runs, parsed and checked (everything but the files' contents).</summary>
/// <param name="OutputDirectory">--out; null when only <paramref name="JsonPath"/> is asked for.</param>
/// <param name="JsonPath">--json: a file for the result object, "-" for standard output, null for none.</param>
internal sealed record EvaluateSpec(
    string FeaturesPath,
    string LabelsPath,
    string InnerWeightsPath,
    string OuterWeightsPath,
    Activation Activation,
    double InterpolationTolerance,
    ulong Seed,
    string? OutputDirectory,
    DataModelInput? Model,
    string? JsonPath);
