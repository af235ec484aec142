using FlatLab.Activations;
using FlatLab.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Networks;

/// <summary>
/// What the flatness formulas need from a sample and unit-norm inner weights (docs/model.md §3–§4):
/// Φ_ij = σ(w_j·x_i) (n × m, column-major), S_j = Σ_i σ(w_j·x_i)², T_j = Σ_i σ'(w_j·x_i)² ‖x_i‖²,
/// and the exact weights c_j = S_j^{1/(k+1)} T_j^{k/(k+1)} of docs/model.md §5.
/// </summary>
public sealed record NeuronFeatures(DenseMatrix Phi, double[] S, double[] T, Activation Activation)
{
    public int SampleCount => Phi.RowCount;
    public int NeuronCount => Phi.ColumnCount;

    /// <summary>c_j = S_j^{1/(k+1)} T_j^{k/(k+1)}; 0 for a neuron dead on every sample.</summary>
    public double[] ExactWeights()
    {
        var k = Activation.K;
        return S.Select((s, j) => s == 0 || T[j] == 0 ? 0 : Math.Pow(s, 1.0 / (k + 1)) * Math.Pow(T[j], (double)k / (k + 1))).ToArray();
    }

    /// <summary>Computes Φ, S and T; the rows of W are scaled to unit norm first (the rescaling
    /// symmetry makes their norms irrelevant to F_min).</summary>
    public static NeuronFeatures Compute(Matrix<double> x, Matrix<double> w, Activation activation, IDenseKernels kernels)
    {
        if (x.ColumnCount != w.ColumnCount)
            throw new ArgumentException($"X has d = {x.ColumnCount} columns but W has {w.ColumnCount}.");
        ArgumentNullException.ThrowIfNull(kernels);
        var n = x.RowCount;
        var m = w.RowCount;
        var d = x.ColumnCount;
        var unit = UnitRows(w);
        var xs = Dense(x);
        var z = new double[n * m];
        kernels.Multiply(false, true, n, m, d, xs.Values, unit.Values, z);
        var sqNorms = new double[n];
        for (var j = 0; j < d; j++)
            for (var i = 0; i < n; i++) sqNorms[i] += xs.Values[i + j * n] * xs.Values[i + j * n];
        var s = new double[m];
        var t = new double[m];
        Parallel.For(0, m, j =>
        {
            double sj = 0, tj = 0;
            for (var i = 0; i < n; i++)
            {
                var zij = z[i + j * n];
                var v = activation.Value(zij);
                var dv = activation.Derivative(zij);
                z[i + j * n] = v;
                sj += v * v;
                tj += dv * dv * sqNorms[i];
            }
            s[j] = sj;
            t[j] = tj;
        });
        return new NeuronFeatures(new DenseMatrix(n, m, z), s, t, activation);
    }

    /// <summary>W with each row divided by its norm; a zero row is an input error.</summary>
    public static DenseMatrix UnitRows(Matrix<double> w)
    {
        var unit = DenseMatrix.OfMatrix(w);
        for (var j = 0; j < w.RowCount; j++)
        {
            var norm = w.Row(j).L2Norm();
            if (!(norm > 0) || !double.IsFinite(norm))
                throw new ArgumentException($"Inner weight row {j + 1} has zero (or non-finite) norm.");
            for (var c = 0; c < w.ColumnCount; c++) unit[j, c] /= norm;
        }
        return unit;
    }

    private static DenseMatrix Dense(Matrix<double> m) => m as DenseMatrix ?? DenseMatrix.OfMatrix(m);
}
