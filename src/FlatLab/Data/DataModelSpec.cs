using FlatLab.Activations;

namespace FlatLab.Data;

/// <summary>What to draw: a data model's shape and link, before its random parts exist.</summary>
/// <param name="Dimension">d.</param>
/// <param name="Rank">r, the number of true directions (1 for single-index and linear).</param>
/// <param name="Link">The link g.</param>
/// <param name="LinkActivation">σ*.</param>
/// <param name="Coefficients">c_r or b_l; null for the default (see <see cref="DataModelFactory"/>).</param>
/// <param name="NoiseStd">s.</param>
/// <param name="Offset">The link offset b (docs/model.md §1.7); null for none.</param>
public sealed record DataModelSpec(
    int Dimension,
    int Rank,
    LinkKind Link,
    Activation LinkActivation,
    double[]? Coefficients = null,
    double NoiseStd = 0.0,
    LinkOffsetSpec? Offset = null);
