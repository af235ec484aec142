using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.Flatness;
using FlatLab.InnerWeights;
using FlatLab.LinearAlgebra;
using FlatLab.Networks;

namespace FlatLab.InnerWeights;

/// <summary>
/// F_min of the paper's Theorem 4 reference "good" interpolator (docs/model.md §6) on the same data as a case:
/// the scale the flattest interpolator should reach when the link is the network's activation and the
/// labels are noiseless.
/// </summary>
public static class ReferenceFlatness
{
    /// <summary>Relative tolerance on max_i |f(x_i) − y_i| for the reference to count as interpolating.</summary>
    public const double InterpolationTolerance = 1e-8;

    public static ReferenceFlatnessResult Compute(DataModel model, Dataset data, Activation sigma, int m, IDenseKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(sigma);
        if (data.Dimension != model.Dimension)
            throw new ArgumentException($"The data have d = {data.Dimension} columns but the model has d = {model.Dimension}.", nameof(data));
        if (data.Labels.Length != data.Count)
            throw new ArgumentException($"X has {data.Count} rows but y has {data.Labels.Length} entries.", nameof(data));
        if (ReferenceInterpolator.Unsupported(model, m, sigma) is { } reason)
            return new ReferenceFlatnessResult(double.NaN, false, double.NaN, double.NaN, reason);

        return Compute(ReferenceInterpolator.Create(model, m, sigma), data, sigma, kernels);
    }

    /// <summary>F_min of a given reference network (a, W) on <paramref name="inputs"/>: the network inputs a case
    /// feeds it, e.g. (x, 1) with W's bias column zero for a network with biases.</summary>
    public static ReferenceFlatnessResult Compute(NetworkParameters reference, Dataset inputs, Activation sigma, IDenseKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(inputs);
        var a = reference.OuterWeights;
        var w = reference.InnerWeights;
        if (w.ColumnCount != inputs.Dimension)
            throw new ArgumentException($"The reference has {w.ColumnCount} input columns but the inputs have {inputs.Dimension}.", nameof(inputs));
        var f = HessianTrace.Predict(inputs.Features, a, w, sigma, kernels);
        var residual = 0.0;
        for (var i = 0; i < f.Length; i++) residual = Math.Max(residual, Math.Abs(f[i] - inputs.Labels[i]));
        var scale = Math.Max(1, inputs.Labels.Length == 0 ? 0 : inputs.Labels.Max(Math.Abs));
        var orbit = OrbitMinimum.Compute(inputs.Features, a, w, sigma, kernels);
        // The rows of W are unit norm, so Σ|a_j|^p is the l_p norm Lemma 1 speaks of.
        var lp = a.Sum(v => Math.Pow(Math.Abs(v), sigma.P));
        return new ReferenceFlatnessResult(orbit.FlatnessMin, residual <= InterpolationTolerance * scale, residual, lp, null);
    }
}
