using FlatLab.Activations;
using FlatLab.Data;

namespace FlatLab.Cli.Generate;

/// <summary>What <c>flatlab generate</c> draws (defaults in docs/cli.md).</summary>
/// <param name="Model">d, r, the link, σ*, the coefficients and the noise.</param>
/// <param name="SampleCount">n.</param>
/// <param name="NeuronCount">m &gt; n.</param>
/// <param name="Correlation">ρ ∈ [0, 1] of the inner weights with span(U) (docs/model.md §6).</param>
/// <param name="Activation">The network's activation (recorded for the matching solve command).</param>
/// <param name="Seed">Seed of every random draw.</param>
/// <param name="OutputDirectory">Where the CSV files go.</param>
internal sealed record GenerateSpec(
    DataModelSpec Model,
    int SampleCount,
    int NeuronCount,
    double Correlation,
    Activation Activation,
    ulong Seed,
    string OutputDirectory);
