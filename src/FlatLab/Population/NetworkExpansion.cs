using FlatLab.Activations;
using FlatLab.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra;
using Simd = System.Numerics.Vector;
using SimdVector = System.Numerics.Vector<double>;

namespace FlatLab.Population;

/// <summary>
/// f(x) = Σ_j a_j σ(w_j·x) rewritten with unit directions by homogeneity:
/// σ(w·x) = ‖w‖ᵏ σ(ŵ·x), so f = Σ_j ã_j σ(ŵ_j·x) with ã_j = a_j ‖w_j‖ᵏ. A zero row is a neuron
/// that outputs 0 everywhere: it gets ã_j = 0 and an arbitrary unit direction.
/// </summary>
internal sealed class NetworkExpansion
{
    public NetworkExpansion(Matrix<double> innerWeights, double[] outerWeights, Activation activation)
    {
        ArgumentNullException.ThrowIfNull(innerWeights);
        ArgumentNullException.ThrowIfNull(outerWeights);
        ArgumentNullException.ThrowIfNull(activation);
        Width = innerWeights.RowCount;
        Dimension = innerWeights.ColumnCount;
        if (Width < 1) throw new ArgumentException("The network needs at least one neuron (W has no rows).", nameof(innerWeights));
        if (outerWeights.Length != Width)
            throw new ArgumentException($"W has m = {Width} rows but a has {outerWeights.Length} entries.", nameof(outerWeights));
        if (outerWeights.Any(v => !double.IsFinite(v))) throw new ArgumentException("Outer weights a contain NaN or Inf.", nameof(outerWeights));
        Activation = activation;
        UnitRows = new double[Width * Dimension];
        Scaled = new double[Width];
        for (var j = 0; j < Width; j++)
        {
            var norm = 0.0;
            for (var c = 0; c < Dimension; c++) norm += innerWeights[j, c] * innerWeights[j, c];
            norm = Math.Sqrt(norm);
            if (!double.IsFinite(norm)) throw new ArgumentException($"Inner weight row {j + 1} contains NaN or Inf.", nameof(innerWeights));
            if (norm == 0)
            {
                UnitRows[j * Dimension] = 1;
                continue;
            }
            for (var c = 0; c < Dimension; c++) UnitRows[j * Dimension + c] = innerWeights[j, c] / norm;
            Scaled[j] = outerWeights[j] * Activation.Pow(norm, activation.K);
        }
    }

    public int Width { get; }
    public int Dimension { get; }
    public Activation Activation { get; }

    /// <summary>ŵ_j as rows, row-major (m × d); equally, Ŵᵀ column-major (d × m).</summary>
    public double[] UnitRows { get; }

    /// <summary>ã_j = a_j ‖w_j‖ᵏ.</summary>
    public double[] Scaled { get; }

    public ReadOnlySpan<double> Direction(int j) => UnitRows.AsSpan(j * Dimension, Dimension);

    /// <summary>f on <paramref name="count"/> inputs stored row-major in <paramref name="x"/>, with one
    /// matrix multiply Z = X Ŵᵀ; the sum over neurons runs in a fixed order.</summary>
    public void Outputs(double[] x, int count, double[] f, IDenseKernels kernels)
    {
        var z = new double[count * Width];
        kernels.Multiply(true, false, count, Width, Dimension, x, UnitRows, z);
        Array.Clear(f, 0, count);
        for (var j = 0; j < Width; j++)
            if (Scaled[j] != 0)
                AddNeuron(z.AsSpan(j * count, count), Scaled[j] * Activation.CPlus, Scaled[j] * Activation.CMinus, Activation.K, f);
    }

    /// <summary>f += c₊ã max(z, 0)ᵏ + c₋ã min(z, 0)ᵏ, element by element (SIMD, no branches), so
    /// every f_i gets the same operations in the same neuron order on any machine.</summary>
    private static void AddNeuron(ReadOnlySpan<double> z, double plus, double minus, int k, double[] f)
    {
        var width = SimdVector.Count;
        var (vPlus, vMinus) = (new SimdVector(plus), new SimdVector(minus));
        var i = 0;
        for (; i <= z.Length - width; i += width)
        {
            var v = new SimdVector(z.Slice(i));
            var (p, q) = (Simd.Max(v, SimdVector.Zero), Simd.Min(v, SimdVector.Zero));
            var (pk, qk) = (p, q);
            for (var t = 1; t < k; t++)
            {
                pk *= p;
                qk *= q;
            }
            (new SimdVector(f, i) + vPlus * pk + vMinus * qk).CopyTo(f, i);
        }
        for (; i < z.Length; i++)
        {
            var (p, q) = (Math.Max(z[i], 0), Math.Min(z[i], 0));
            var (pk, qk) = (p, q);
            for (var t = 1; t < k; t++)
            {
                pk *= p;
                qk *= q;
            }
            f[i] = f[i] + plus * pk + minus * qk;
        }
    }
}
