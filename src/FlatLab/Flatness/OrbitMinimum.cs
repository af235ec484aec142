using FlatLab.Activations;
using FlatLab.LinearAlgebra;
using FlatLab.Networks;
using FlatLab.Solvers;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Flatness;

/// <summary>
/// The minimum of the flatness over the rescaling orbit of (a, W) (docs/model.md §4, the paper's Lemma 1/3).
/// For unit-norm w_j the Gauss–Newton part of F after rescaling by t is
/// (2/n) Σ_j [t_j^{2k} S_j + t_j^{−2} a_j² T_j], minimised at t_j^{2(k+1)} = a_j² T_j / (k S_j) with value
/// (2/n)(k+1)k^{−k/(k+1)} Σ_j |a_j|^p S_j^{1/(k+1)} T_j^{k/(k+1)}, p = 2k/(k+1). At an interpolator that
/// part is the whole trace, so F_min is the flattest F on the orbit; away from interpolation it is
/// the minimum of the Gauss–Newton part only (the residual term also changes with t).
/// </summary>
public static class OrbitMinimum
{
    public static OrbitMinimumResult Compute(Matrix<double> x, double[] a, Matrix<double> w, Activation sigma,
                                             IDenseKernels kernels)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(sigma);
        if (a.Length != w.RowCount)
            throw new ArgumentException($"W has {w.RowCount} rows (neurons) but a has {a.Length} entries.", nameof(a));
        if (a.Any(v => !double.IsFinite(v))) throw new ArgumentException("a contains NaN or Inf.", nameof(a));

        // NeuronFeatures normalises the rows of W; the norms move into a by homogeneity.
        var features = NeuronFeatures.Compute(x, w, sigma, kernels);
        var k = sigma.K;
        var p = sigma.P;
        var m = w.RowCount;
        var scales = new double[m];
        var contributions = new double[m];
        var constant = FlattestInterpolatorProblem.FlatnessConstant(k, x.RowCount);
        var c = features.ExactWeights();
        for (var j = 0; j < m; j++)
        {
            var norm = w.Row(j).L2Norm();
            var aHat = Math.Pow(norm, k) * a[j];
            var s = features.S[j];
            var t = features.T[j];
            if (aHat == 0 || c[j] == 0)
            {
                scales[j] = 1;
                continue;
            }
            contributions[j] = constant * Math.Pow(Math.Abs(aHat), p) * c[j];
            // t̂ scales the unit row ŵ_j; the given row is norm · ŵ_j, so t_j = t̂_j / norm.
            var tHat = Math.Pow(aHat * aHat * t / (k * s), 1.0 / (2 * (k + 1)));
            scales[j] = tHat / norm;
        }
        var minimiser = Rescaling.Apply(a, w, scales, k);
        return new OrbitMinimumResult(contributions.Sum(), scales, contributions, minimiser);
    }
}
