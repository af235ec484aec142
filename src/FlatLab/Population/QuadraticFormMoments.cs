using FlatLab.Activations;
using FlatLab.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Population;

/// <summary>
/// Moments of Q = xᵀA x − tr A for x ~ N(0, I_d) and symmetric A: Q = Σ_i λ_i (ξ_i² − 1) has
/// cumulants κ₁ = 0 and κ_n = 2^{n−1} (n−1)! tr(Aⁿ), and moments follow from
/// m_n = Σ_{i=1}^{n} C(n−1, i−1) κ_i m_{n−i}. This makes the quadratic-feature signal power
/// E[σ*(Q)²] = c² E[Q^{2k}] exact whenever |c₊| = |c₋| = c (σ*² is then a polynomial).
/// </summary>
internal static class QuadraticFormMoments
{
    /// <summary>E[σ*(Q)²], or null when σ*² is not a polynomial (|c₊| ≠ |c₋|, e.g. ReLU).</summary>
    public static double? SignalPower(Matrix<double> a, Activation linkActivation, IDenseKernels kernels)
    {
        if (Math.Abs(linkActivation.CPlus) != Math.Abs(linkActivation.CMinus)) return null;
        var k = linkActivation.K;
        return linkActivation.CPlus * linkActivation.CPlus * Moment(a, 2 * k, kernels);
    }

    /// <summary>E[Qⁿ].</summary>
    public static double Moment(Matrix<double> a, int n, IDenseKernels kernels)
    {
        var traces = PowerTraces(a, n, kernels);
        var cumulants = new double[n + 1];
        var factorial = 1.0; // (i−1)!
        for (var i = 2; i <= n; i++)
        {
            factorial *= i - 1;
            cumulants[i] = Math.Pow(2, i - 1) * factorial * traces[i];
        }
        var moments = new double[n + 1];
        moments[0] = 1;
        for (var m = 1; m <= n; m++)
        {
            var binomial = 1.0; // C(m−1, i−1)
            for (var i = 1; i <= m; i++)
            {
                moments[m] += binomial * cumulants[i] * moments[m - i];
                binomial = binomial * (m - i) / i;
            }
        }
        return moments[n];
    }

    /// <summary>tr(Aⁱ) for i ≤ n from the powers A¹ … A^{⌈n/2⌉}: tr(A^{p+q}) = Σ (Aᵖ)_{ij} (A^q)_{ij}
    /// (A symmetric), so only ⌈n/2⌉ − 1 matrix multiplies are needed.</summary>
    private static double[] PowerTraces(Matrix<double> a, int n, IDenseKernels kernels)
    {
        var d = a.RowCount;
        var half = (n + 1) / 2;
        var powers = new List<double[]> { a.ToColumnMajorArray() };
        for (var p = 2; p <= half; p++)
        {
            var next = new double[d * d];
            kernels.Multiply(false, false, d, d, d, powers[^1], powers[0], next);
            powers.Add(next);
        }
        var traces = new double[n + 1];
        traces[1] = a.Trace();
        for (var i = 2; i <= n; i++)
        {
            var (p, q) = (i / 2, i - i / 2);
            var (x, y) = (powers[p - 1], powers[q - 1]);
            var sum = 0.0;
            for (var t = 0; t < x.Length; t++) sum += x[t] * y[t];
            traces[i] = sum;
        }
        return traces;
    }
}
