using FlatLab.Activations;
using FlatLab.Solvers;

namespace FlatLab.Cli.Solve;

/// <summary>What <c>flatlab solve</c> runs, parsed and checked (everything but the files' contents).</summary>
public sealed record SolveSpec(
    string FeaturesPath,
    string LabelsPath,
    string InnerWeightsPath,
    Activation Activation,
    OuterWeighting Weighting,
    OptimalPoint Point,
    ulong Seed,
    string OutputDirectory,
    DataModelInput? Model);
