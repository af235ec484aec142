using FlatLab.Population;
using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Data;

/// <summary>
/// XOR labels on the hypercube, after the two-layer ReLU examples of Wen, Li and Ma (2023), where
/// flattest models need not generalise: x uniform on {−1, 1}^d and y = x₁ x₂ (+ ε). The study's defaults
/// are d = 30 and n = 100 (a documented choice, docs/theory.md §4).
/// <para>
/// The target is expressed as a <see cref="DataModel"/> so every sampler and Monte Carlo routine takes it
/// unchanged: the quadratic-feature link g = σ*(xᵀA x − tr A) with σ* the identity and
/// A = (e₁e₂ᵀ + e₂e₁ᵀ)/2, which gives xᵀA x − tr A = x₁x₂ exactly. Unlike the quadratic-feature models of
/// docs/model.md §1, ‖A‖_F = 1/√2 (not 1) so that y = x₁x₂ with E[y²] = 1 on the hypercube; the true directions
/// U = (e₁; e₂) span the two coordinates the label depends on. The closed-form population losses assume
/// Gaussian x: use <see cref="SampledPopulationLoss"/>.
/// </para>
/// </summary>
public static class XorTarget
{
    public const int DefaultDimension = 30;
    public const int DefaultSampleCount = 100;

    /// <summary>y = x₁ x₂ without noise.</summary>
    public static double Value(ReadOnlySpan<double> x)
    {
        if (x.Length < 2) throw new ArgumentException($"XOR needs d >= 2 coordinates, got {x.Length}.", nameof(x));
        return x[0] * x[1];
    }

    /// <summary>The XOR target as a data model in dimension d ≥ 2 with label-noise standard deviation s.</summary>
    public static DataModel Model(int dimension = DefaultDimension, double noiseStd = 0.0)
    {
        if (dimension < 2) throw new ArgumentException($"XOR needs d >= 2, got {dimension}.", nameof(dimension));
        var u = Matrix<double>.Build.Dense(2, dimension);
        u[0, 0] = 1;
        u[1, 1] = 1;
        var form = Matrix<double>.Build.Dense(dimension, dimension);
        form[0, 1] = form[1, 0] = 0.5;
        var identity = new Activation(1, 1, 1, "linear");
        return new DataModel(u, LinkKind.QuadraticFeature, identity, [], null, form, noiseStd).Validate();
    }

    /// <summary>n samples with x uniform on {−1, 1}^d and y = x₁x₂ + ε.</summary>
    public static Dataset Sample(RandomSource random, int n = DefaultSampleCount, int dimension = DefaultDimension, double noiseStd = 0.0) =>
        HypercubeSampler.Sample(Model(dimension, noiseStd), n, random);
}
