using FlatLab.Activations;
using FlatLab.Data;

namespace FlatLab.Cli.Solve;

/// <summary>The files and choices that define the data model of <c>solve</c> (for the population loss).</summary>
/// <param name="DirectionsPath">U (r × d), orthonormal rows.</param>
/// <param name="Link">g.</param>
/// <param name="LinkActivation">σ*.</param>
/// <param name="Coefficients">c_r or b_l; null for the defaults of docs/cli.md.</param>
/// <param name="NoiseStd">s.</param>
/// <param name="QuadraticFormPath">A (d × d) for the quadratic-feature link.</param>
/// <param name="TeacherWeightsPath">V (L × r) for the teacher link.</param>
internal sealed record DataModelInput(
    string DirectionsPath,
    LinkKind Link,
    Activation LinkActivation,
    double[]? Coefficients,
    double NoiseStd,
    string? QuadraticFormPath,
    string? TeacherWeightsPath);
