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
        CheckRange(x, z, n, s, t);
        return new NeuronFeatures(new DenseMatrix(n, m, z), s, t, activation);
    }

    /// <summary>W with each row divided by its norm; a zero row is an input error.</summary>
    public static DenseMatrix UnitRows(Matrix<double> w)
    {
        var unit = DenseMatrix.OfMatrix(w);
        for (var j = 0; j < w.RowCount; j++)
        {
            if (RowNorms.Fault(w, j) is { } fault) throw new ArgumentException($"Inner weight row {j + 1} {fault}.");
            var norm = w.Row(j).L2Norm();
            for (var c = 0; c < w.ColumnCount; c++) unit[j, c] /= norm;
        }
        return unit;
    }

    /// <summary>
    /// Finite X gives finite Φ, S and T unless a value leaves the double range: that is an overflow, named as
    /// one with the quantity and the neuron, not left to surface later as a non-finite weight c_j.
    /// </summary>
    private static void CheckRange(Matrix<double> x, double[] phi, int n, double[] s, double[] t)
    {
        for (var j = 0; j < s.Length; j++)
        {
            if (double.IsFinite(s[j]) && double.IsFinite(t[j])) continue;
            if (x.Enumerate().FirstOrDefault(v => !double.IsFinite(v)) is var bad && !double.IsFinite(bad))
                throw new ArgumentException($"X contains {bad.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
            var largest = x.Enumerate().Max(Math.Abs).ToString("G3", System.Globalization.CultureInfo.InvariantCulture);
            for (var i = 0; i < n; i++)
                if (!double.IsFinite(phi[i + j * n]))
                    throw new ArgumentException($"Overflow in Φ: σ(ŵ_{j + 1}·x_{i + 1}) of neuron {j + 1} at sample {i + 1} exceeds the double " +
                                                $"range (largest |X| entry = {largest}); scale X down.");
            var what = double.IsFinite(s[j]) ? $"T_{j + 1} = Σ_i σ'(ŵ_{j + 1}·x_i)² ‖x_i‖²" : $"S_{j + 1} = Σ_i σ(ŵ_{j + 1}·x_i)²";
            throw new ArgumentException($"Overflow in {what} of neuron {j + 1}: the sum exceeds the double range (largest |X| entry = {largest}); " +
                                        "scale X down.");
        }
    }

    private static DenseMatrix Dense(Matrix<double> m) => m as DenseMatrix ?? DenseMatrix.OfMatrix(m);
}
