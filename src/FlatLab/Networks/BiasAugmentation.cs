using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Networks;

/// <summary>
/// Networks with an inner bias, f(x) = Σ_j a_j σ(w_j·x + b_j), as bias-free networks on augmented data
/// (docs/theory.md §5): with x̃ = (x, 1) and w̃_j = (w_j, b_j), w_j·x + b_j = w̃_j·x̃. The rescaling
/// symmetry acts on (w_j, b_j) jointly (σ is k-homogeneous), and the Hessian trace over (a, W, b) equals
/// the bias-free trace over (a, W̃) with ‖x̃‖² = ‖x‖² + 1. So HessianTrace, OrbitMinimum, NeuronFeatures
/// and FlattestInterpolatorSolver apply unchanged to <see cref="Augment"/>(X) and W̃; "unit-norm" then
/// means ‖w_j‖² + b_j² = 1.
/// </summary>
public static class BiasAugmentation
{
    /// <summary>X̃ = [X, 1] (n × (d+1)): X with a last column of ones.</summary>
    public static DenseMatrix Augment(Matrix<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var n = x.RowCount;
        var d = x.ColumnCount;
        var augmented = new DenseMatrix(n, d + 1);
        augmented.SetSubMatrix(0, 0, x);
        for (var i = 0; i < n; i++) augmented[i, d] = 1;
        return augmented;
    }

    /// <summary>W̃ = [W, b] (m × (d+1)): the inner weights with the biases as a last column.</summary>
    public static DenseMatrix Join(Matrix<double> w, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(b);
        if (b.Count != w.RowCount)
            throw new ArgumentException($"W has {w.RowCount} rows (neurons) but there are {b.Count} biases.", nameof(b));
        var d = w.ColumnCount;
        var joined = new DenseMatrix(w.RowCount, d + 1);
        joined.SetSubMatrix(0, 0, w);
        for (var j = 0; j < w.RowCount; j++) joined[j, d] = b[j];
        return joined;
    }

    /// <summary>(W, b) from W̃ = [W, b]: the first d columns and the last column.</summary>
    public static (Matrix<double> W, double[] B) Split(Matrix<double> wTilde)
    {
        ArgumentNullException.ThrowIfNull(wTilde);
        if (wTilde.ColumnCount < 2)
            throw new ArgumentException($"W̃ needs at least 2 columns (d >= 1 weights and a bias), got {wTilde.ColumnCount}.", nameof(wTilde));
        var d = wTilde.ColumnCount - 1;
        var w = wTilde.SubMatrix(0, wTilde.RowCount, 0, d);
        var b = Enumerable.Range(0, wTilde.RowCount).Select(j => wTilde[j, d]).ToArray();
        return (w, b);
    }

    /// <summary>
    /// How much of the network's directions is bias, counting each neuron by its output scale: the mean of
    /// |b_j| / ‖(w_j, b_j)‖ weighted by |a_j| ‖(w_j, b_j)‖ᵏ (invariant under the rescaling symmetry). A neuron with
    /// a_j = 0 is not part of the network function and does not count: a p = 1 flattest interpolator uses at most n
    /// of its m neurons, and the unused ones keep whatever bias they were drawn with (docs/theory.md §5).
    /// NaN when every neuron has a_j = 0.
    /// </summary>
    public static double Share(Matrix<double> wTilde, IReadOnlyList<double> outerWeights, int k)
    {
        ArgumentNullException.ThrowIfNull(wTilde);
        ArgumentNullException.ThrowIfNull(outerWeights);
        if (outerWeights.Count != wTilde.RowCount)
            throw new ArgumentException($"W̃ has {wTilde.RowCount} rows but a has {outerWeights.Count} entries.", nameof(outerWeights));
        if (k < 1) throw new ArgumentException($"The degree k must be >= 1, got {k}.", nameof(k));
        var last = wTilde.ColumnCount - 1;
        double weighted = 0, total = 0;
        for (var j = 0; j < wTilde.RowCount; j++)
        {
            var norm = wTilde.Row(j).L2Norm();
            if (!(norm > 0) || outerWeights[j] == 0) continue;
            var scale = Math.Abs(outerWeights[j]) * Math.Pow(norm, k);
            weighted += scale * Math.Abs(wTilde[j, last]) / norm;
            total += scale;
        }
        return total > 0 ? weighted / total : double.NaN;
    }
}
