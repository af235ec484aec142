using FlatLab.Solvers;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.Solvers;

/// <summary>
/// A solver-independent check of a flattest-interpolator result (docs/model.md §5): primal feasibility, dual
/// feasibility, complementarity (p = 1) or stationarity (p &gt; 1), weak duality and a small gap, the
/// certified lower bound, and every reported number against its recomputation from a and λ alone.
/// Nothing here calls the solver's code: objective, dual objective, residual and lower bound are
/// recomputed with MathNet from the problem's data.
/// </summary>
public static class OptimalityConditions
{
    /// <summary>Fails the test with every violated condition listed, each with its numbers.</summary>
    public static void AssertOptimal(FlattestInterpolatorProblem problem, FlattestInterpolatorResult result, OptimalityTolerances? tolerances = null)
    {
        var violations = Violations(problem, result, tolerances);
        if (violations.Count > 0)
            Assert.Fail($"The result violates {violations.Count} optimality condition(s) (status {result.Status}, {result.Message}):\n  "
                        + string.Join("\n  ", violations));
    }

    public static IReadOnlyList<string> Violations(FlattestInterpolatorProblem problem, FlattestInterpolatorResult result, OptimalityTolerances? tolerances = null)
    {
        var tol = tolerances ?? new OptimalityTolerances();
        var v = new List<string>();
        var n = problem.SampleCount;
        var m = problem.NeuronCount;
        var p = problem.P;
        var c = problem.Weights;
        var y = problem.Labels;
        if (result.Status != SolverStatus.Solved) v.Add($"status is {result.Status}, not Solved");
        if (result.P != p) v.Add($"result P = {result.P} but problem P = {p}");
        if (result.OuterWeights.Length != m || result.Dual.Length != n)
        {
            v.Add($"expected {m} outer weights and {n} duals, got {result.OuterWeights.Length} and {result.Dual.Length}");
            return v;
        }
        var a = result.OuterWeights;
        var lambda = result.Dual;
        if (a.Any(x => !double.IsFinite(x)) || lambda.Any(x => !double.IsFinite(x)))
        {
            v.Add("a or λ contains NaN or Inf");
            return v;
        }

        // Primal feasibility.
        var yScale = Math.Max(1, y.Max(Math.Abs));
        var residual = Residual(problem, a);
        if (!(residual <= tol.Feasibility * yScale)) v.Add($"‖Φa − y‖_∞ = {residual:G3} > {tol.Feasibility:G3} × {yScale:G3}");
        if (!(Math.Abs(result.PrimalResidual - residual) <= 1e-11 * yScale))
            v.Add($"reported PrimalResidual {result.PrimalResidual:G6} differs from recomputed {residual:G6}");

        // Dead neurons.
        for (var j = 0; j < m; j++)
            if (c[j] == 0 && a[j] != 0) v.Add($"dead neuron {j} (c_j = 0) has a_j = {a[j]:G6}, not 0");

        // Objective and the numbers derived from it.
        var objective = Objective(problem, a);
        var objScale = Math.Max(1, Math.Abs(objective));
        CheckRelative(v, "Objective", result.Objective, objective, tol.Reported);
        CheckRelative(v, "UnitLpNorm", result.UnitLpNorm, a.Sum(x => Math.Pow(Math.Abs(x), p)), tol.Reported);
        if (double.IsFinite(problem.FlatnessScale)) CheckRelative(v, "FlatnessMin", result.FlatnessMin, problem.FlatnessScale * objective, tol.Reported);
        else if (!double.IsNaN(result.FlatnessMin)) v.Add($"FlatnessMin = {result.FlatnessMin} with unit weights; expected NaN");

        // Dual side: s = Φᵀλ.
        var s = (problem.Phi.Transpose() * Vector<double>.Build.DenseOfArray(lambda)).ToArray();
        var dualObjective = DualObjective(problem, lambda);
        if (p == 1)
        {
            var infeasibility = 0.0;
            for (var j = 0; j < m; j++)
            {
                if (c[j] == 0) continue;
                infeasibility = Math.Max(infeasibility, Math.Abs(s[j]) / c[j] - 1);
                if (Math.Abs(s[j]) > c[j] * (1 + tol.DualFeasibility))
                    v.Add($"dual infeasible at j = {j}: |Φᵀλ|_j = {Math.Abs(s[j]):G10} > c_j = {c[j]:G10}");
            }
            infeasibility = Math.Max(infeasibility, 0);
            if (!(Math.Abs(result.DualInfeasibility - infeasibility) <= Math.Max(1e-9, tol.DualFeasibility)))
                v.Add($"reported DualInfeasibility {result.DualInfeasibility:G6} differs from recomputed {infeasibility:G6}");
            var aMax = a.Max(Math.Abs);
            for (var j = 0; j < m; j++)
            {
                if (c[j] == 0) continue;
                var term = c[j] * Math.Abs(a[j]) - a[j] * s[j];
                if (term > tol.Complementarity * objScale)
                    v.Add($"complementarity at j = {j}: c_j|a_j| − a_j(Φᵀλ)_j = {term:G3} (a_j = {a[j]:G6}, (Φᵀλ)_j/c_j = {s[j] / c[j]:G10})");
                else if (Math.Abs(a[j]) > 1e-6 * aMax && Math.Abs(s[j] - c[j] * Math.Sign(a[j])) > tol.SupportSign * c[j])
                    v.Add($"on the support j = {j}: (Φᵀλ)_j = {s[j]:G10} but c_j sign(a_j) = {c[j] * Math.Sign(a[j]):G10}");
            }
        }
        else
        {
            if (result.DualInfeasibility != 0) v.Add($"DualInfeasibility = {result.DualInfeasibility} for p > 1; expected 0");
            var q = p / (p - 1);
            var b = new double[m];
            var bPredicted = new double[m];
            for (var j = 0; j < m; j++)
            {
                if (c[j] == 0) continue;
                b[j] = Math.Pow(c[j], 1 / p) * a[j];
                var t = s[j] / Math.Pow(c[j], 1 / p);
                bPredicted[j] = Math.Sign(t) * Math.Pow(Math.Abs(t) / p, q - 1);
            }
            var bMax = Math.Max(b.Max(Math.Abs), double.Epsilon);
            var worst = Enumerable.Range(0, m).MaxBy(j => Math.Abs(b[j] - bPredicted[j]));
            var error = Math.Abs(b[worst] - bPredicted[worst]);
            if (error > tol.Stationarity * bMax)
                v.Add($"stationarity at j = {worst}: b_j = {b[worst]:G10} but (h*)'((Ψᵀλ)_j) = {bPredicted[worst]:G10} (‖b‖_∞ = {bMax:G6})");
        }
        CheckRelative(v, "DualObjective", result.DualObjective, dualObjective, tol.Reported);
        var gap = objective - dualObjective;
        var slack = Math.Abs(residual) * lambda.Sum(Math.Abs) + 1e-12 * objScale; // y·λ vs (Φa)·λ
        if (gap < -slack) v.Add($"weak duality violated: objective {objective:G15} < dual objective {dualObjective:G15}");
        if (!(gap <= tol.Gap * objScale)) v.Add($"duality gap {gap:G3} > {tol.Gap:G3} × {objScale:G6}");
        if (!(Math.Abs(result.DualityGap - (result.Objective - result.DualObjective)) <= 1e-12 * objScale + 1e-3 * Math.Abs(result.DualityGap)))
            v.Add($"reported DualityGap {result.DualityGap:G6} is not Objective − DualObjective = {result.Objective - result.DualObjective:G6}");

        // The certified lower bound (docs/model.md §5).
        var bound = LowerBound(problem);
        if (!(result.LowerBound <= result.Objective * (1 + 1e-12))) v.Add($"LowerBound {result.LowerBound:G15} exceeds Objective {result.Objective:G15}");
        if (!(bound <= objective * (1 + 1e-12))) v.Add($"recomputed lower bound {bound:G15} exceeds the objective {objective:G15}");
        CheckRelative(v, "LowerBound", result.LowerBound, bound, tol.LowerBoundAgreement);

        // Bookkeeping.
        var nonZero = a.Count(x => x != 0);
        var aMaxAll = a.Max(Math.Abs);
        var clearlyNonZero = a.Count(x => Math.Abs(x) > 1e-8 * aMaxAll);
        if (result.Support < clearlyNonZero || result.Support > nonZero)
            v.Add($"Support = {result.Support} but a has {clearlyNonZero} entries above 1e-8 ‖a‖_∞ and {nonZero} non-zeros");
        if (p == 1 && result.Point is null) v.Add("Point is null for p = 1");
        if (p > 1 && result.Point is not null) v.Add($"Point = {result.Point} for p > 1; expected null");
        if (result.AlternativeWeights is { } alt)
        {
            if (p > 1) v.Add("AlternativeWeights given for p > 1 (the optimum is unique)");
            else if (alt.Length != m) v.Add($"AlternativeWeights has {alt.Length} entries, expected {m}");
            else
            {
                var altResidual = Residual(problem, alt);
                if (!(altResidual <= tol.Feasibility * yScale)) v.Add($"AlternativeWeights residual {altResidual:G3} is too large");
                CheckRelative(v, "objective at AlternativeWeights", Objective(problem, alt), objective, tol.Gap);
            }
        }
        return v;
    }

    /// <summary>Σ_j c_j |a_j|^p.</summary>
    public static double Objective(FlattestInterpolatorProblem problem, double[] a) =>
        a.Select((x, j) => problem.Weights[j] == 0 ? 0 : problem.Weights[j] * Math.Pow(Math.Abs(x), problem.P)).Sum();

    /// <summary>‖Φa − y‖_∞.</summary>
    public static double Residual(FlattestInterpolatorProblem problem, double[] a) =>
        (problem.Phi * Vector<double>.Build.DenseOfArray(a) - Vector<double>.Build.DenseOfArray(problem.Labels)).AbsoluteMaximum();

    /// <summary>y·λ for p = 1; y·λ − Σ_j h*((Ψᵀλ)_j), h*(t) = (p−1)(|t|/p)^q, for p &gt; 1 (docs/model.md §5).</summary>
    public static double DualObjective(FlattestInterpolatorProblem problem, double[] lambda)
    {
        var p = problem.P;
        var yl = problem.Labels.Select((v, i) => v * lambda[i]).Sum();
        if (p == 1) return yl;
        var q = p / (p - 1);
        var s = problem.Phi.Transpose() * Vector<double>.Build.DenseOfArray(lambda);
        var conjugate = 0.0;
        for (var j = 0; j < s.Count; j++)
        {
            var c = problem.Weights[j];
            if (c == 0) continue;
            var t = s[j] / Math.Pow(c, 1 / p);
            conjugate += (p - 1) * Math.Pow(Math.Abs(t) / p, q);
        }
        return yl - conjugate;
    }

    /// <summary>(‖b*‖₂² / ‖b*‖_q)^p with b* the minimum-norm solution of Ψb = y (docs/model.md §5), via the SVD of Ψ
    /// (its pseudo-inverse when Ψ is rank deficient).</summary>
    public static double LowerBound(FlattestInterpolatorProblem problem)
    {
        var p = problem.P;
        var live = Enumerable.Range(0, problem.NeuronCount).Where(j => problem.Weights[j] > 0).ToArray();
        var psi = Matrix<double>.Build.Dense(problem.SampleCount, live.Length,
            (i, k) => problem.Phi[i, live[k]] / Math.Pow(problem.Weights[live[k]], 1 / p));
        var svd = psi.Svd(computeVectors: true);
        var n = problem.SampleCount;
        var uty = svd.U.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(problem.Labels));
        // Rank-deficient Φ (y in its range): the pseudo-inverse over the singular values above the usual rank threshold.
        var threshold = svd.S[0] * Math.Max(n, live.Length) * 2.220446049250313e-16;
        var coefficients = Vector<double>.Build.Dense(n, i => svd.S[i] > threshold ? uty[i] / svd.S[i] : 0);
        var bStar = svd.VT.SubMatrix(0, n, 0, live.Length).TransposeThisAndMultiply(coefficients);
        var l2Squared = bStar.DotProduct(bStar);
        var lq = p == 1 ? bStar.AbsoluteMaximum() : bStar.Norm(p / (p - 1));
        return Math.Pow(l2Squared / lq, p);
    }

    private static void CheckRelative(List<string> violations, string name, double reported, double recomputed, double tolerance)
    {
        var scale = Math.Max(1e-300, Math.Max(Math.Abs(reported), Math.Abs(recomputed)));
        if (!(Math.Abs(reported - recomputed) <= tolerance * scale))
            violations.Add($"{name}: reported {reported:G15} vs recomputed {recomputed:G15} (relative difference {Math.Abs(reported - recomputed) / scale:G3} > {tolerance:G3})");
    }
}
