using FlatLab.Activations;
using FlatLab.Networks;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Solvers;

/// <summary>
/// minimise Σ_j c_j |a_j|^p subject to Φ a = y (docs/model.md §5, the paper's Eq. (3)).
/// </summary>
/// <param name="Phi">Φ (n × m), n &lt; m.</param>
/// <param name="Labels">y (n).</param>
/// <param name="Weights">c_j ≥ 0; a zero weight marks a dead neuron, fixed at a_j = 0.</param>
/// <param name="P">The exponent, 1 ≤ p ≤ 2.</param>
/// <param name="FlatnessScale">F_min = scale × optimum, (2/n)(k+1)k^{−k/(k+1)} for exact weights; NaN when the
/// optimum is not a flatness (unit weights).</param>
public sealed record FlattestInterpolatorProblem(DenseMatrix Phi, double[] Labels, double[] Weights, double P, double FlatnessScale)
{
    public int SampleCount => Phi.RowCount;
    public int NeuronCount => Phi.ColumnCount;

    /// <summary>The problem for a network's features: p = 2k/(k+1), with exact or unit weights.</summary>
    public static FlattestInterpolatorProblem Create(NeuronFeatures features, double[] labels, OuterWeighting weighting)
    {
        var k = features.Activation.K;
        var exact = features.ExactWeights();
        var weights = weighting == OuterWeighting.Exact ? exact : exact.Select(c => c > 0 ? 1.0 : 0.0).ToArray();
        var scale = weighting == OuterWeighting.Exact ? FlatnessConstant(k, features.SampleCount) : double.NaN;
        return new FlattestInterpolatorProblem(features.Phi, labels, weights, features.Activation.P, scale).Validate();
    }

    /// <summary>(2/n)(k+1)k^{−k/(k+1)}: F_min over the rescaling orbit per unit of Σ c_j |a_j|^p (docs/model.md §4).</summary>
    public static double FlatnessConstant(int k, int n) => 2.0 / n * (k + 1) * Math.Pow(k, -(double)k / (k + 1));

    public FlattestInterpolatorProblem Validate()
    {
        if (Labels.Length != Phi.RowCount)
            throw new ArgumentException($"Phi has {Phi.RowCount} rows but y has {Labels.Length} entries.");
        if (Weights.Length != Phi.ColumnCount)
            throw new ArgumentException($"Phi has {Phi.ColumnCount} columns but there are {Weights.Length} weights.");
        if (!(P >= 1 && P <= 2)) throw new ArgumentException($"The exponent p must lie in [1, 2], got {P}.");
        if (Weights.Any(c => !(c >= 0) || !double.IsFinite(c))) throw new ArgumentException("Weights c_j must be finite and >= 0.");
        if (Labels.Any(v => !double.IsFinite(v))) throw new ArgumentException("Labels contain NaN or Inf.");
        if (Phi.Values.Any(v => !double.IsFinite(v))) throw new ArgumentException("Phi contains NaN or Inf.");
        return this;
    }
}
