namespace FlatLab.Solvers;

/// <summary>
/// p = 1, central point: the interior-point iterate only approaches the analytic centre of the
/// optimal face, and rounding can tilt it (two identical neurons end up with slightly different
/// weights). This finishes the job with Newton's method on
///   max Σ_{j∈S} log(σ_j b_j)  s.t.  Ψ_S b_S = y,
/// over the support S with signs σ; on that set the objective σᵀb_S = λᵀy is constant, so every
/// point stays optimal. When the support columns number at most n the face is a point and the
/// iterate is returned unchanged.
/// </summary>
internal static class FaceCentering
{
    public static double[] Refine(ScaledProblem problem, double[] central, double[] lambda)
    {
        var n = problem.N;
        var support = VertexCrossover.SupportOf(problem, central, lambda).ToArray();
        if (support.Length <= n) return central;

        var k = support.Length;
        var psiS = new double[n * k];
        for (var c = 0; c < k; c++) Array.Copy(problem.Psi, support[c] * n, psiS, c * n, n);
        var b = support.Select(c => central[c]).ToArray();
        var sign = b.Select(v => (double)Math.Sign(v)).ToArray();
        var scratch = new double[n * k];
        for (var iteration = 0; iteration < SolverTolerances.CenteringIterations; iteration++)
        {
            // Newton step for the log barrier restricted to {Ψ_S Δ = r}, r the current residual:
            // Δ = B²(g − Ψ_Sᵀν) with B² = diag(b²), g = 1/b, and (Ψ_S B² Ψ_Sᵀ) ν = Ψ_S B² g − r.
            var b2 = b.Select(v => v * v).ToArray();
            var gram = Scaled(problem, psiS, k, b2, scratch);
            if (!problem.Kernels.CholeskyFactor(n, gram)) return central;
            var g = b.Select(v => 1 / v).ToArray();
            var b2g = b2.Zip(g, (x, y) => x * y).ToArray();
            var rhs = new double[n];
            problem.Kernels.MultiplyVector(false, n, k, psiS, b2g, rhs);
            var fitted = new double[n];
            problem.Kernels.MultiplyVector(false, n, k, psiS, b, fitted);
            for (var i = 0; i < n; i++) rhs[i] -= problem.Y[i] - fitted[i];
            problem.Kernels.CholeskySolve(n, gram, rhs);
            var psiNu = new double[k];
            problem.Kernels.MultiplyVector(true, n, k, psiS, rhs, psiNu);
            var step = new double[k];
            for (var c = 0; c < k; c++) step[c] = b2[c] * (g[c] - psiNu[c]);

            // Stay strictly inside the orthant of the signs.
            var alpha = 1.0;
            for (var c = 0; c < k; c++)
                if (sign[c] * step[c] < 0) alpha = Math.Min(alpha, SolverTolerances.CenteringStepFraction * -b[c] / step[c]);
            var decrement = 0.0;
            for (var c = 0; c < k; c++)
            {
                b[c] += alpha * step[c];
                decrement += step[c] * step[c] / b2[c];
            }
            if (decrement < SolverTolerances.CenteringDecrement) break;
        }
        var refined = new double[problem.M];
        for (var c = 0; c < k; c++) refined[support[c]] = b[c];
        return refined;
    }

    private static double[] Scaled(ScaledProblem problem, double[] psiS, int k, double[] d, double[] scratch)
    {
        var n = problem.N;
        for (var c = 0; c < k; c++)
        {
            var root = Math.Sqrt(d[c]);
            for (var i = 0; i < n; i++) scratch[i + c * n] = psiS[i + c * n] * root;
        }
        var gram = new double[n * n];
        problem.Kernels.SymmetricRankK(n, k, scratch, gram);
        return gram;
    }
}
