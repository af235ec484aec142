namespace FlatLab.Search;

/// <summary>
/// The element of smallest Euclidean norm in the convex hull of a few vectors: min ‖Σ_i μ_i g_i‖ over the
/// simplex μ ≥ 0, Σ μ_i = 1 (docs/optimizers.md §6). At a kink of a piecewise smooth function the negative
/// of this element over gradients sampled around the point is a descent direction whenever one exists, and
/// its norm is the stationarity measure that stays valid where the gradient jumps.
/// </summary>
public static class MinNormElement
{
    /// <summary>The weights μ on the simplex; solved on the Gram matrix of the vectors by pairwise exchanges
    /// (mass moves from the vertex of largest to the one of smallest (Qμ)_i, with an exact line search) until
    /// the Frank–Wolfe gap μᵀQμ − min_i (Qμ)_i is at rounding level.</summary>
    public static double[] Weights(IReadOnlyList<double[]> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var k = vectors.Count;
        if (k == 0) throw new ArgumentException("The convex hull of no vectors is empty.", nameof(vectors));
        var length = vectors[0].Length;
        if (vectors.Any(v => v.Length != length)) throw new ArgumentException("The vectors differ in length.", nameof(vectors));
        var q = new double[k, k];
        for (var i = 0; i < k; i++)
            for (var j = 0; j <= i; j++)
            {
                var dot = 0.0;
                for (var c = 0; c < length; c++) dot += vectors[i][c] * vectors[j][c];
                q[i, j] = q[j, i] = dot;
            }
        var scale = Enumerable.Range(0, k).Max(i => q[i, i]);
        var mu = new double[k];
        if (scale == 0)
        {
            mu[0] = 1;
            return mu;
        }
        // Start at the vertex of smallest norm.
        mu[Enumerable.Range(0, k).MinBy(i => q[i, i])] = 1;
        var qmu = new double[k];
        for (var iteration = 0; iteration < 100_000; iteration++)
        {
            for (var i = 0; i < k; i++)
            {
                qmu[i] = 0;
                for (var j = 0; j < k; j++) qmu[i] += q[i, j] * mu[j];
            }
            var value = 0.0;
            for (var i = 0; i < k; i++) value += mu[i] * qmu[i];
            int low = 0, high = -1;
            for (var i = 0; i < k; i++)
            {
                if (qmu[i] < qmu[low]) low = i;
                if (mu[i] > 0 && (high < 0 || qmu[i] > qmu[high])) high = i;
            }
            if (value - qmu[low] <= 1e-15 * scale || high == low) break;
            // Move t of μ_high's mass to vertex low: the objective changes by −2t(Qμ_high − Qμ_low) + t² ‖g_low − g_high‖².
            var curvature = q[low, low] + q[high, high] - 2 * q[low, high];
            var slope = qmu[high] - qmu[low];
            if (slope <= 0) break;
            var t = curvature > 0 ? Math.Min(mu[high], slope / curvature) : mu[high];
            mu[high] -= t;
            mu[low] += t;
        }
        return mu;
    }
}
