using FlatLab.Activations;
using FlatLab.InnerWeights;
using FlatLab.LinearAlgebra;
using FlatLab.Networks;
using FlatLab.Solvers;

namespace FlatLab.Experiments.Analysis;

/// <summary>
/// Measures, for one solved case, the quantities the paper's proofs rest on (docs/theory.md §1):
/// Theorem 1's tightness, Lemma 2's spectrum of ΦΦᵀ/n, Lemma 1 / Lemma 4's concentration of S_j and
/// T_j, and Proposition 2's balancedness of the outer weights.
/// </summary>
public static class CaseDiagnostics
{
    /// <summary>A weight counts as non-zero above this fraction of the largest |a_j| (interior-point
    /// iterates leave rounding-level weights where a vertex has exact zeros).</summary>
    public const double ZeroTolerance = 1e-9;

    /// <summary>The fraction of the m neurons whose share of Σ|a_j| <see cref="CaseDiagnosticsResult.TopDecileShare"/> reports.</summary>
    public const double TopFraction = 0.1;

    /// <param name="features">Φ, S, T for unit-norm directions (what the solve used).</param>
    /// <param name="solution">The flattest interpolator for these features; an unsolved result gives NaN
    /// for the quantities that need a solution.</param>
    /// <param name="dimension">d, the input dimension, which the features do not record and E[T_j] needs.</param>
    /// <param name="kernels">The dense kernels, chosen by the caller.</param>
    /// <param name="gramEigenvalues">The eigenvalues of ΦΦᵀ/n (<see cref="GramEigenvalues"/>) when the caller has them already.</param>
    public static CaseDiagnosticsResult Compute(NeuronFeatures features, FlattestInterpolatorResult solution, int dimension,
                                                IDenseKernels kernels, double[]? gramEigenvalues = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(solution);
        if (dimension < 1) throw new ArgumentException($"The dimension d must be >= 1, got {dimension}.", nameof(dimension));
        var solved = solution.Status.HasSolution();
        if (solved && solution.OuterWeights.Length != features.NeuronCount)
            throw new ArgumentException(
                $"The solution has {solution.OuterWeights.Length} outer weights but the features have m = {features.NeuronCount} neurons.",
                nameof(solution));

        var sigma = features.Activation;
        var n = features.SampleCount;
        var m = features.NeuronCount;

        var eigen = gramEigenvalues ?? GramEigenvalues(features, kernels);
        var largest = eigen[^1];
        var second = n >= 2 ? eigen[^2] : double.NaN;
        var smallest = eigen[0];
        var mean = GaussianMoments.Mean(sigma);
        var secondMoment = GaussianMoments.SecondMoment(sigma);
        var bulk = m * (secondMoment - mean * mean) / n;

        var expectedS = FeatureExpectations.PerSampleS(sigma);
        var expectedT = FeatureExpectations.PerSampleT(sigma, dimension);
        var (maxS, meanS) = RelativeDeviations(features.S, n * expectedS);
        var (maxT, meanT) = RelativeDeviations(features.T, n * expectedT);

        var ratio = solved && solution.LowerBound > 0 ? solution.Objective / solution.LowerBound : double.NaN;
        var a = solved ? solution.OuterWeights : [];
        return new CaseDiagnosticsResult(
            ratio,
            largest, second, smallest, second / smallest,
            m * mean * mean + bulk, bulk,
            expectedS, expectedT, maxS, meanS, maxT, meanT,
            solved ? ParticipationRatio(a) : double.NaN,
            solved ? TopShare(a, TopFraction) : double.NaN,
            NonZeroCount(a));
    }

    /// <summary>The eigenvalues of ΦΦᵀ/n, ascending (one rank-k update and one symmetric eigensolve).</summary>
    public static double[] GramEigenvalues(NeuronFeatures features, IDenseKernels kernels) =>
        WeightDiagnostics.GramEigenvalues(features, kernels);

    /// <summary>(Σ|a_j|)² / (m_nz Σ a_j²) over the non-zero weights; NaN when every weight is zero.</summary>
    public static double ParticipationRatio(IReadOnlyList<double> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var threshold = Threshold(a);
        double l1 = 0, l2 = 0;
        var count = 0;
        foreach (var v in a)
        {
            if (!(Math.Abs(v) > threshold)) continue;
            l1 += Math.Abs(v);
            l2 += v * v;
            count++;
        }
        return count == 0 ? double.NaN : l1 * l1 / (count * l2);
    }

    /// <summary>The share of Σ|a_j| carried by the ⌈fraction · m⌉ largest |a_j| (at least one); NaN when a = 0.</summary>
    public static double TopShare(IReadOnlyList<double> a, double fraction)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (!(fraction > 0 && fraction <= 1)) throw new ArgumentException($"The fraction must lie in (0, 1], got {fraction}.", nameof(fraction));
        if (a.Count == 0) return double.NaN;
        var sorted = a.Select(Math.Abs).OrderDescending().ToArray();
        var total = sorted.Sum();
        if (!(total > 0)) return double.NaN;
        var top = Math.Max(1, (int)Math.Ceiling(fraction * a.Count - 1e-9));
        return sorted.Take(top).Sum() / total;
    }

    /// <summary>The number of |a_j| above <see cref="ZeroTolerance"/> × max_j |a_j|.</summary>
    public static int NonZeroCount(IReadOnlyList<double> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var threshold = Threshold(a);
        return a.Count(v => Math.Abs(v) > threshold);
    }

    private static double Threshold(IReadOnlyList<double> a) => a.Count == 0 ? 0 : ZeroTolerance * a.Max(Math.Abs);

    private static (double Max, double Mean) RelativeDeviations(double[] values, double expected)
    {
        double max = 0, sum = 0;
        foreach (var v in values)
        {
            var deviation = Math.Abs(v / expected - 1);
            max = Math.Max(max, deviation);
            sum += deviation;
        }
        return (max, sum / values.Length);
    }
}
