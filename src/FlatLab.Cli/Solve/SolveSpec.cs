using FlatLab.Activations;
using FlatLab.Solvers;

namespace FlatLab.Cli.Solve;

/// <summary>What <c>flatlab solve</c> runs, parsed and checked (everything but the files' contents).</summary>
/// <param name="OutputDirectory">--out; null when only <paramref name="JsonPath"/> is asked for.</param>
/// <param name="JsonPath">--json: a file for the result object, "-" for standard output, null for none.</param>
/// <param name="ArrayFormat">--out-format: how outer_weights and dual are written into --out.</param>
internal sealed record SolveSpec(
    string FeaturesPath,
    string LabelsPath,
    string InnerWeightsPath,
    Activation Activation,
    OuterWeighting Weighting,
    OptimalPoint Point,
    ulong Seed,
    string? OutputDirectory,
    DataModelInput? Model,
    string? JsonPath = null,
    ArrayFormat ArrayFormat = ArrayFormat.Csv)
{
    /// <summary>--max-memory: refuse a solve whose estimated peak exceeds this many bytes.</summary>
    public long? MaxMemory { get; init; }

    /// <summary>--progress (true), --no-progress (false), or neither (null: on when stderr is a terminal).</summary>
    public bool? Progress { get; init; }
}
