using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.References;

/// <summary>
/// A primal reference for 1 &lt; p ≤ 2 that shares nothing with the solver's dual method: the
/// feasible set {a : Φa = y} is parameterised as a = a₀ + N z, with a₀ the minimum-norm solution and
/// N an orthonormal basis of the null space of Φ (both from the SVD of Φ restricted to live neurons),
/// and f(z) = Σ_j c_j |a_j|^p is minimised over z by Newton's method with a backtracking line search.
/// f is C¹ and strictly convex; its Hessian N ᵀ diag(c p(p−1)|a|^{p−2}) N blows up where some a_j
/// crosses 0, which the line search absorbs. At the optimum every a_j is generically non-zero, so the
/// last steps converge quadratically. The dual λ is recovered from stationarity, Φᵀλ = ∇f(a), in
/// least squares (the system is consistent at the optimum). Φ may be rank deficient when y is in its
/// range: a₀ and N then come from the leading r singular triplets.
/// </summary>
public static class NullSpaceNewtonReference
{
    public static ReferenceSolution Solve(Matrix<double> phi, double[] y, double[] c, double p, int maxIterations = 500)
    {
        if (!(p > 1 && p <= 2)) throw new ArgumentException($"The null-space reference needs 1 < p <= 2, got {p}.");
        var n = phi.RowCount;
        var m = phi.ColumnCount;
        var live = Enumerable.Range(0, m).Where(j => c[j] > 0).ToArray();
        var phiLive = Matrix<double>.Build.Dense(n, live.Length, (i, k) => phi[i, live[k]]);
        var cLive = live.Select(j => c[j]).ToArray();

        var svd = phiLive.Svd(computeVectors: true);
        var s = svd.S;
        var rank = s.Count(v => v > s[0] * 1e-12 * Math.Max(n, live.Length));
        var yv = Vector<double>.Build.DenseOfArray(y);
        // a₀ = V_r Σ_r⁻¹ U_rᵀ y, the minimum-norm interpolator; N = the remaining right singular vectors.
        var uty = svd.U.SubMatrix(0, n, 0, rank).TransposeThisAndMultiply(yv);
        var vt = svd.VT;
        var a0 = vt.SubMatrix(0, rank, 0, live.Length).TransposeThisAndMultiply(uty.PointwiseDivide(Vector<double>.Build.Dense(rank, i => s[i])));
        var nullDim = live.Length - rank;
        var basis = vt.SubMatrix(rank, nullDim, 0, live.Length).Transpose();
        // Rank r < n is fine when y is in the range of Φ (then a₀ interpolates); otherwise there is nothing to minimise.
        var missed = (phiLive * a0 - yv).AbsoluteMaximum();
        if (!(missed <= 1e-9 * Math.Max(1, yv.AbsoluteMaximum())))
            throw new ArgumentException($"Phi has rank {rank} < n = {n} and y is {missed:G3} outside its range.");

        var z = Vector<double>.Build.Dense(nullDim);
        var a = a0.Clone();
        var f = Value(a, cLive, p);
        var iterations = 0;
        for (; iterations < maxIterations && nullDim > 0; iterations++)
        {
            var grad = Vector<double>.Build.Dense(live.Length, j => cLive[j] * p * Math.Pow(Math.Abs(a[j]), p - 1) * Math.Sign(a[j]));
            var gz = basis.TransposeThisAndMultiply(grad);
            // |a|^{p−2} is infinite at a_j = 0: a floor keeps the Hessian finite there (only the line
            // search's proposals see it; the optimum has every |a_j| far above the floor).
            var floor = 1e-300 + 1e-14 * a.AbsoluteMaximum();
            var curvature = Vector<double>.Build.Dense(live.Length, j => cLive[j] * p * (p - 1) * Math.Pow(Math.Max(Math.Abs(a[j]), floor), p - 2));
            var hz = basis.TransposeThisAndMultiply(Matrix<double>.Build.DenseOfDiagonalVector(curvature) * basis);
            var step = -hz.Cholesky().Solve(gz);
            var decrement = -gz.DotProduct(step); // the Newton decrement squared: ≈ 2 (f − f*) near the optimum
            if (decrement <= 1e-15 * f) break;
            var t = 1.0;
            var accepted = false;
            for (var trial = 0; trial < 60; trial++, t *= 0.5)
            {
                var zTrial = z + t * step;
                var aTrial = a0 + basis * zTrial;
                var fTrial = Value(aTrial, cLive, p);
                if (fTrial <= f - 1e-4 * t * decrement)
                {
                    z = zTrial;
                    a = aTrial;
                    f = fTrial;
                    accepted = true;
                    break;
                }
            }
            if (!accepted) break; // no decrease left at double precision
        }

        var weights = new double[m];
        for (var k = 0; k < live.Length; k++) weights[live[k]] = a[k];
        var gradient = Vector<double>.Build.Dense(live.Length, j => cLive[j] * p * Math.Pow(Math.Abs(a[j]), p - 1) * Math.Sign(a[j]));
        // Φᵀλ = ∇f in least squares; with rank r < n, the minimum-norm λ (any λ + null(Φᵀ) certifies the same).
        var inverse = Vector<double>.Build.Dense(n, i => i < rank ? 1 / s[i] : 0);
        var lambda = svd.U.SubMatrix(0, n, 0, Math.Min(n, s.Count)) * (inverse.SubVector(0, Math.Min(n, s.Count))
            .PointwiseMultiply(vt.SubMatrix(0, Math.Min(n, s.Count), 0, live.Length) * gradient));
        return new ReferenceSolution(Objective(weights, c, p), weights, lambda.ToArray(), GlopReference.Residual(phi, y, weights), iterations);
    }

    public static double Objective(double[] a, double[] c, double p) => a.Select((v, j) => c[j] == 0 ? 0 : c[j] * Math.Pow(Math.Abs(v), p)).Sum();

    private static double Value(Vector<double> a, double[] c, double p)
    {
        var sum = 0.0;
        for (var j = 0; j < a.Count; j++) sum += c[j] * Math.Pow(Math.Abs(a[j]), p);
        return sum;
    }
}
