using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Solvers;

/// <summary>
/// From the central point of the optimal face (p = 1) to a vertex: identify the support by
/// comparing |b_j| with the dual slack 1 − |(Ψᵀλ)_j|, move within the face along null-space
/// directions of Ψ_S until the support columns are independent (the objective is constant along
/// them because Ψ_Sᵀλ = sign(b_S)), then re-solve Ψ_S b_S = y exactly on that support.
/// </summary>
internal static class VertexCrossover
{
    /// <summary>
    /// The fast path, tried while the interior point is still running: with exactly n support
    /// columns, b_S = Ψ_S⁻¹ y and λ = Ψ_S⁻ᵀ sign(b_S) make a primal–dual pair with zero gap, so the
    /// vertex is optimal as soon as |(Ψᵀλ)_j| ≤ 1 off the support. Null when that check fails.
    /// </summary>
    /// <param name="workspace">n × n storage free for the basis' LU factors (the interior point's normal matrix,
    /// between iterations), so the try allocates no n × n matrix of its own.</param>
    public static CoreSolution? TryCertify(ScaledProblem problem, double[] b, double[] lambda, int iterations, double gapTolerance,
        double[] workspace)
    {
        return TryBasis(problem, b, lambda, iterations, workspace) ?? TryDegenerate(problem, b, lambda, iterations, gapTolerance);
    }

    /// <summary>
    /// A degenerate optimum (fewer than n non-zeros, common with noiseless labels and rank-deficient Φ)
    /// has no clear n-th column, and its normal matrices become singular, so the interior point can stall
    /// short of its tolerances. Where the sorted indicator splits clearly at some k &lt; n, the k columns are
    /// re-solved exactly (Ψ_K b_K = y, consistent) and certified by the interior point's own λ, scaled
    /// into the dual feasible set: a relative gap below the tolerance makes that vertex optimal.
    /// </summary>
    private static CoreSolution? TryDegenerate(ScaledProblem problem, double[] b, double[] lambda, int iterations, double gapTolerance)
    {
        var n = problem.N;
        // Only a λ near the optimum can certify: skip the work while the iterate's own gap is far off.
        var iterateObjective = b.Sum(Math.Abs);
        if (!(Math.Abs(iterateObjective - GramSystem.Dot(problem.Y, lambda)) <= SolverTolerances.DegenerateIterateGap * Math.Max(1, iterateObjective))) return null;
        var s = problem.ApplyTranspose(lambda);
        var indicator = new double[problem.M];
        for (var c = 0; c < problem.M; c++) indicator[c] = Math.Abs(b[c]) / Math.Max(1 - Math.Abs(s[c]), 1e-300);
        var order = Enumerable.Range(0, problem.M).OrderByDescending(c => indicator[c]).ToArray();
        // The wide gaps in the sorted indicator separate the support from the rest; the widest is not always
        // the right one (a support column can lag behind), so the three widest are tried.
        var candidates = Enumerable.Range(1, Math.Min(n - 1, problem.M - 1))
            .Select(j => (K: j, Ratio: indicator[order[j - 1]] / Math.Max(indicator[order[j]], 1e-300)))
            .Where(c => c.Ratio > SolverTolerances.DegenerateSplit).OrderByDescending(c => c.Ratio).Take(SolverTolerances.DegenerateCandidates);
        var yScale = Math.Max(1, problem.Y.Max(Math.Abs));
        var worst = s.Max(Math.Abs);
        var feasible = worst > 1 ? lambda.Select(v => v / worst).ToArray() : lambda;
        var dual = GramSystem.Dot(problem.Y, feasible);
        foreach (var (k, _) in candidates)
        {
            var support = order.Take(k).Order().ToList();
            var bK = LeastSquares(problem, SupportColumns(problem, support), support.Select(c => b[c]).ToArray());
            if (bK is null) continue;
            var vertex = new double[problem.M];
            for (var c = 0; c < k; c++) vertex[support[c]] = bK[c];
            if (!(problem.Residual(vertex).Max(Math.Abs) <= SolverTolerances.DegenerateResidual * yScale)) continue;
            var primal = bK.Sum(Math.Abs);
            if (!(primal - dual <= gapTolerance * Math.Max(1, primal))) continue;
            // The iterate's λ certifies the value; moved onto Ψ_Kᵀλ = sign(b_K) (the least change) it is
            // also complementary on the support, as the optimality conditions ask. Kept when it still certifies.
            var (sharp, sharpWorst) = Complementary(problem, support, bK, lambda);
            var sharpFeasible = sharpWorst > 1 ? sharp.Select(v => v / sharpWorst).ToArray() : sharp;
            var sharpDual = GramSystem.Dot(problem.Y, sharpFeasible);
            if (primal - sharpDual <= gapTolerance * Math.Max(1, primal))
                (feasible, dual, worst) = (sharpFeasible, sharpDual, sharpWorst);
            return new CoreSolution(SolverStatus.Solved,
                $"Solved by interior point and crossover in {iterations} iterations; degenerate vertex ({k} non-zeros) certified optimal " +
                "by the interior-point dual.",
                vertex, feasible, dual, Math.Max(worst - 1, 0), iterations, "interior-point+crossover")
            {
                Point = OptimalPoint.Vertex,
            };
        }
        return null;
    }

    /// <summary>λ + Ψ_K (Ψ_KᵀΨ_K)⁻¹ (sign(b_K) − Ψ_Kᵀλ) and max_j |(Ψᵀλ)_j| there.</summary>
    private static (double[] Lambda, double Worst) Complementary(ScaledProblem problem, List<int> support, double[] bK, double[] lambda)
    {
        var n = problem.N;
        var k = support.Count;
        var psiK = SupportColumns(problem, support).Values;
        var sK = new double[k];
        problem.Kernels.MultiplyVector(true, n, k, psiK, lambda, sK);
        var z = new double[k];
        for (var c = 0; c < k; c++) z[c] = Math.Sign(bK[c]) - sK[c];
        var gram = new double[k * k];
        problem.Kernels.Multiply(true, false, k, k, n, psiK, psiK, gram);
        if (!problem.Kernels.CholeskyFactor(k, gram)) return (lambda, problem.ApplyTranspose(lambda).Max(Math.Abs));
        problem.Kernels.CholeskySolve(k, gram, z);
        var step = new double[n];
        problem.Kernels.MultiplyVector(false, n, k, psiK, z, step);
        var moved = new double[n];
        for (var i = 0; i < n; i++) moved[i] = lambda[i] + step[i];
        return (moved, problem.ApplyTranspose(moved).Max(Math.Abs));
    }

    private static CoreSolution? TryBasis(ScaledProblem problem, double[] b, double[] lambda, int iterations, double[] lu)
    {
        var n = problem.N;
        // Guess the basis: the n columns most clearly on the support, by |b_j| over the dual slack.
        // Only a clear split between the n-th and the next column is worth an LU; the optimality
        // check below makes a wrong guess harmless anyway.
        var s0 = problem.ApplyTranspose(lambda);
        var indicator = new double[problem.M];
        for (var c = 0; c < problem.M; c++) indicator[c] = Math.Abs(b[c]) / Math.Max(1 - Math.Abs(s0[c]), 1e-300);
        var order = Enumerable.Range(0, problem.M).OrderByDescending(c => indicator[c]).ToArray();
        if (problem.M > n && !(indicator[order[n - 1]] > SolverTolerances.ClearSplit * indicator[order[n]])) return null;
        var support = order.Take(n).Order().ToList();
        for (var c = 0; c < n; c++) Array.Copy(problem.Psi, support[c] * n, lu, c * n, n);
        var pivots = new int[n];
        if (!problem.Kernels.LuFactor(n, lu, pivots)) return null;
        var bS = (double[])problem.Y.Clone();
        problem.Kernels.LuSolve(n, lu, pivots, false, bS);
        var dual = bS.Select(v => (double)Math.Sign(v)).ToArray();
        if (dual.Any(v => v == 0)) return null;
        problem.Kernels.LuSolve(n, lu, pivots, true, dual);
        var s = problem.ApplyTranspose(dual);
        var worst = s.Max(Math.Abs);
        if (!(worst <= 1 + SolverTolerances.DualSlack)) return null;
        var vertex = new double[problem.M];
        for (var c = 0; c < n; c++) vertex[support[c]] = bS[c];
        var inSupport = new bool[problem.M];
        foreach (var c in support) inSupport[c] = true;
        var offSupport = Enumerable.Range(0, problem.M).Where(c => !inSupport[c]).Select(c => Math.Abs(s[c])).DefaultIfEmpty(0).Max();
        var feasible = worst > 1 ? dual.Select(v => v / worst).ToArray() : dual;
        // Strict complementarity with a nonsingular basis: the optimum is unique.
        var unique = offSupport < 1 - SolverTolerances.DualSlack;
        return new CoreSolution(SolverStatus.Solved,
            $"Solved by interior point and crossover in {iterations} iterations; vertex certified optimal" +
            (unique ? " and unique." : " (the optimal face may contain other points)."),
            vertex, feasible, GramSystem.Dot(problem.Y, feasible), Math.Max(worst - 1, 0), iterations, "interior-point+crossover")
        {
            Point = OptimalPoint.Vertex,
            Alternative = unique ? vertex : null,
        };
    }

    /// <summary>The support read off a near-optimal primal–dual pair: |b_j| above the dual slack 1 − |(Ψᵀλ)_j|.</summary>
    internal static List<int> SupportOf(ScaledProblem problem, double[] b, double[] lambda)
    {
        var s = problem.ApplyTranspose(lambda);
        return Enumerable.Range(0, problem.M).Where(c => Math.Abs(b[c]) > Math.Max(1 - Math.Abs(s[c]), 0)).ToList();
    }

    public static double[]? FindVertex(ScaledProblem problem, double[] central, double[] lambda)
    {
        var support = SupportOf(problem, central, lambda);
        if (support.Count == 0) return null;
        var b = support.Select(c => central[c]).ToArray();

        // The usual case: at most n independent support columns, already a vertex.
        var exact = support.Count <= problem.N ? LeastSquares(problem, SupportColumns(problem, support), b) : null;
        if (exact is null)
        {
            Purify(problem, support, ref b);
            if (support.Count > problem.N) return null;
            exact = LeastSquares(problem, SupportColumns(problem, support), b);
            if (exact is null) return null;
        }
        var vertex = new double[problem.M];
        for (var c = 0; c < support.Count; c++) vertex[support[c]] = exact[c];
        return vertex;
    }

    /// <summary>Moves b along null directions of Ψ_S, dropping one support index per direction.</summary>
    private static void Purify(ScaledProblem problem, List<int> support, ref double[] b)
    {
        var nullSpace = NullSpace(SupportColumns(problem, support));
        while (nullSpace.ColumnCount > 0)
        {
            var direction = nullSpace.Column(0);
            var drop = -1;
            var tBest = double.PositiveInfinity;
            for (var c = 0; c < b.Length; c++)
            {
                if (Math.Abs(direction[c]) < SolverTolerances.NullDirectionEntry) continue;
                var t = -b[c] / direction[c];
                if (Math.Abs(t) < Math.Abs(tBest)) { tBest = t; drop = c; }
            }
            if (drop < 0) return;
            for (var c = 0; c < b.Length; c++) b[c] += tBest * direction[c];
            support.RemoveAt(drop);
            b = b.Where((_, c) => c != drop).ToArray();
            nullSpace = EliminateCoordinate(nullSpace, drop);
        }
    }

    private static DenseMatrix SupportColumns(ScaledProblem problem, List<int> support)
    {
        var n = problem.N;
        var values = new double[n * support.Count];
        for (var c = 0; c < support.Count; c++) Array.Copy(problem.Psi, support[c] * n, values, c * n, n);
        return new DenseMatrix(n, support.Count, values);
    }

    /// <summary>An orthonormal basis of the numerical null space of Ψ_S, from its SVD.</summary>
    private static DenseMatrix NullSpace(DenseMatrix psiS)
    {
        var cols = psiS.ColumnCount;
        var svd = psiS.Svd(computeVectors: true);
        var sv = svd.S.ToArray();
        var tol = sv.Max() * SolverTolerances.NullSpaceRank;
        var rank = sv.Count(x => x > tol);
        if (rank == cols) return new DenseMatrix(cols, 0);
        return DenseMatrix.OfColumnVectors(Enumerable.Range(rank, cols - rank).Select(r => svd.VT.Row(r)).ToArray());
    }

    /// <summary>The null-space basis restricted to vectors whose coordinate <paramref name="drop"/> is 0, with that row removed.</summary>
    private static DenseMatrix EliminateCoordinate(DenseMatrix basis, int drop)
    {
        var k = basis.ColumnCount;
        var pivot = Enumerable.Range(0, k).MaxBy(c => Math.Abs(basis[drop, c]));
        var kept = new List<MathNet.Numerics.LinearAlgebra.Vector<double>>();
        for (var c = 0; c < k; c++)
        {
            if (c == pivot) continue;
            var col = basis.Column(c);
            if (Math.Abs(basis[drop, pivot]) > 0) col -= basis.Column(pivot) * (basis[drop, c] / basis[drop, pivot]);
            var reduced = DenseVector.OfEnumerable(col.Where((_, r) => r != drop));
            var norm = reduced.L2Norm();
            if (norm > SolverTolerances.NullVectorNorm) kept.Add(reduced / norm);
        }
        return kept.Count == 0 ? new DenseMatrix(basis.RowCount - 1, 0) : DenseMatrix.OfColumnVectors(kept);
    }

    /// <summary>Solves Ψ_S b_S = y by the normal equations on the fast kernels, with iterative refinement.</summary>
    private static double[]? LeastSquares(ScaledProblem problem, DenseMatrix psiS, double[] start)
    {
        var n = problem.N;
        var k = psiS.ColumnCount;
        var gram = new double[k * k];
        problem.Kernels.Multiply(true, false, k, k, n, psiS.Values, psiS.Values, gram);
        if (!problem.Kernels.CholeskyFactor(k, gram)) return null;
        // Nearly dependent columns: not a vertex to trust, purify instead.
        var diag = Enumerable.Range(0, k).Select(c => gram[c + c * k]).ToArray();
        if (diag.Min() < SolverTolerances.DependentColumns * diag.Max()) return null;
        var b = (double[])start.Clone();
        for (var pass = 0; pass < SolverTolerances.RefinementPasses; pass++)
        {
            var r = new double[n];
            problem.Kernels.MultiplyVector(false, n, k, psiS.Values, b, r);
            for (var i = 0; i < n; i++) r[i] = problem.Y[i] - r[i];
            var g = new double[k];
            problem.Kernels.MultiplyVector(true, n, k, psiS.Values, r, g);
            problem.Kernels.CholeskySolve(k, gram, g);
            for (var c = 0; c < k; c++) b[c] += g[c];
        }
        return b;
    }
}
