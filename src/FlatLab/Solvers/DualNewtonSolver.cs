namespace FlatLab.Solvers;

/// <summary>
/// 1 &lt; p ≤ 2: Newton's method with backtracking on the smooth concave dual (docs/model.md §5)
///   D(λ) = yᵀλ − Σ_j h*((Ψᵀλ)_j),  h*(s) = (p−1)(|s|/p)^q,  q = p/(p−1),
/// with the primal b_j = (h*)'(s_j) = sign(s_j)(|s_j|/p)^{q−1}. Each step factors one n × n
/// matrix Ψ diag(h*'') Ψᵀ. Started from the lower-bound point λ = t G⁻¹ y, where D is already
/// the certified bound.
/// </summary>
internal static class DualNewtonSolver
{
    public static CoreSolution Solve(ScaledProblem problem, GramSystem gram, double[] mu, SolverSettings settings,
        IProgress<SolverProgress>? progress = null)
    {
        var n = problem.N;
        var m = problem.M;
        var p = problem.P;
        var q = p / (p - 1);
        var y = problem.Y;
        var yScale = Math.Max(1, y.Max(Math.Abs));

        // Starting point: the best multiple of μ = G⁻¹ y (docs/model.md §5's certificate).
        var lambda = (double[])mu.Clone();
        var s = problem.ApplyTranspose(lambda);
        var t = BestMultiple(y, lambda, s, p, q);
        for (var i = 0; i < n; i++) lambda[i] *= t;
        for (var c = 0; c < m; c++) s[c] *= t;

        var h = new double[n * n];
        var curvature = new double[m];
        var b = new double[m];
        var dual = DualValue(y, lambda, s, p, q);
        var iterations = 0;
        var previousResidual = double.PositiveInfinity;
        bool factored = false, fullStep = false;
        SolverStatus? failure = null;
        var failureMessage = "";
        while (true)
        {
            Primal(s, p, q, b);
            var gradient = problem.Residual(b);
            var residual = gradient.Max(Math.Abs);
            var gap = -GramSystem.Dot(lambda, gradient); // Σ|b|^p − D(λ) = λᵀ(Ψb − y) by Fenchel equality
            var objective = b.Sum(v => Math.Pow(Math.Abs(v), p));
            // Converged: gap closed and λ accurate (the final projection removes the small residual left), or
            // Newton has stalled at rounding level.
            var closed = Math.Abs(gap) <= settings.GapTolerance * Math.Max(1, objective) && residual <= SolverTolerances.NewtonResidual * yScale;
            var stalled = residual > SolverTolerances.StallRatio * previousResidual && Math.Abs(gap) <= SolverTolerances.StallGapFactor * settings.GapTolerance * Math.Max(1, objective);
            if (closed || stalled) break;
            previousResidual = residual;
            if (iterations == settings.MaxIterations)
            {
                (failure, failureMessage) = (SolverStatus.MaxIterations, $"Stopped after {iterations} iterations before reaching the tolerances.");
                break;
            }
            iterations++;
            progress?.Report(new SolverProgress("dual-newton", iterations, Math.Abs(gap) / Math.Max(1, objective), residual));

            for (var c = 0; c < m; c++) curvature[c] = (q - 1) / p * Math.Pow(Math.Abs(s[c]) / p, q - 2);
            // Near the optimum the Newton matrix changes little between steps: the last factor then
            // preconditions conjugate gradients on the new one, which saves forming and factoring it.
            // Inexact Newton: a direction accurate to a relative residual of about ‖∇D‖/‖y‖ keeps the
            // convergence quadratic (Dembo, Eisenstat and Steihaug 1982) and saves CG iterations early on.
            var forcing = Math.Clamp(residual / yScale, SolverTolerances.MinForcing, SolverTolerances.MaxForcing);
            var step = fullStep && factored ? PreconditionedSolve(problem, h, curvature, gradient, forcing) : null;
            if (step is null)
            {
                if (!problem.FactorWeightedGram(curvature, h))
                {
                    (failure, failureMessage) = (SolverStatus.NumericalError, "The Newton matrix Ψ D Ψᵀ could not be factored.");
                    break;
                }
                factored = true;
                step = (double[])gradient.Clone();
                problem.Kernels.CholeskySolve(n, h, step);
            }
            var ds = problem.ApplyTranspose(step);
            var slope = GramSystem.Dot(gradient, step);
            if (!(slope > 0))
            {
                (failure, failureMessage) = (SolverStatus.NumericalError, "The Newton direction is not an ascent direction (numerical breakdown).");
                break;
            }

            // Backtracking (Armijo) on D along the Newton direction; D is cheap given Ψᵀλ.
            var alpha = 1.0;
            var trial = new double[m];
            double trialDual;
            while (true)
            {
                for (var c = 0; c < m; c++) trial[c] = s[c] + alpha * ds[c];
                trialDual = DualValueAt(y, lambda, step, alpha, trial, p, q);
                if (trialDual >= dual + SolverTolerances.Armijo * alpha * slope || alpha < SolverTolerances.MinStep) break;
                alpha *= 0.5;
            }
            if (alpha < SolverTolerances.MinStep && trialDual < dual)
            {
                // No ascent is representable: the iterate is as good as rounding allows.
                break;
            }
            for (var i = 0; i < n; i++) lambda[i] += alpha * step[i];
            (s, trial) = (trial, s);
            dual = trialDual;
            fullStep = alpha == 1;
        }

        Primal(s, p, q, b);
        var polished = gram.Project(b);
        return new CoreSolution(failure ?? SolverStatus.Solved,
            failure is null ? $"Solved by dual Newton in {iterations} iterations." : failureMessage, polished, lambda, DualValue(y, lambda, problem.ApplyTranspose(lambda), p, q),
            0.0, iterations, "dual-newton");
    }

    /// <summary>
    /// Solves Ψ diag(curvature) Ψᵀ x = g by conjugate gradients preconditioned with an earlier Cholesky
    /// factor of the same kind of matrix, to the relative residual <paramref name="tolerance"/>; null when
    /// that is not reached (nor 1e-6, where rounding bars more) within a few dozen products: the caller
    /// then factors afresh.
    /// </summary>
    private static double[]? PreconditionedSolve(ScaledProblem problem, double[] factor, double[] curvature, double[] g,
        double tolerance)
    {
        var n = problem.N;
        var gNorm = Math.Sqrt(GramSystem.Dot(g, g));
        if (!(gNorm > 0)) return null;
        double[] Apply(double[] v)
        {
            var t = problem.ApplyTranspose(v);
            for (var c = 0; c < t.Length; c++) t[c] *= curvature[c];
            return problem.Apply(t);
        }
        double[] Precondition(double[] v)
        {
            var z = (double[])v.Clone();
            problem.Kernels.CholeskySolve(n, factor, z);
            return z;
        }
        var x = Precondition(g);
        var hx = Apply(x);
        var r = new double[n];
        for (var i = 0; i < n; i++) r[i] = g[i] - hx[i];
        var z = Precondition(r);
        var d = (double[])z.Clone();
        var rz = GramSystem.Dot(r, z);
        for (var k = 0; k < SolverTolerances.MaxConjugateGradientIterations; k++)
        {
            if (Math.Sqrt(GramSystem.Dot(r, r)) <= tolerance * gNorm) return x;
            var hd = Apply(d);
            var curvatureAlong = GramSystem.Dot(d, hd);
            if (!(curvatureAlong > 0)) return null;
            var alpha = rz / curvatureAlong;
            for (var i = 0; i < n; i++)
            {
                x[i] += alpha * d[i];
                r[i] -= alpha * hd[i];
            }
            z = Precondition(r);
            var rzNext = GramSystem.Dot(r, z);
            var beta = rzNext / rz;
            rz = rzNext;
            for (var i = 0; i < n; i++) d[i] = z[i] + beta * d[i];
        }
        // At rounding level the tolerance can be out of reach; a direction this good still serves.
        return Math.Sqrt(GramSystem.Dot(r, r)) <= SolverTolerances.ConjugateGradientFallback * gNorm ? x : null;
    }

    /// <summary>b_j = sign(s_j)(|s_j|/p)^{q−1}.</summary>
    private static void Primal(double[] s, double p, double q, double[] b)
    {
        for (var c = 0; c < s.Length; c++) b[c] = Math.Sign(s[c]) * Math.Pow(Math.Abs(s[c]) / p, q - 1);
    }

    internal static double DualValue(double[] y, double[] lambda, double[] s, double p, double q) =>
        GramSystem.Dot(y, lambda) - (p - 1) * Penalty(s, p, q);

    /// <summary>D(λ + α·step), given s = Ψᵀ(λ + α·step).</summary>
    private static double DualValueAt(double[] y, double[] lambda, double[] step, double alpha, double[] s, double p, double q)
    {
        var linear = 0.0;
        for (var i = 0; i < y.Length; i++) linear += y[i] * (lambda[i] + alpha * step[i]);
        return linear - (p - 1) * Penalty(s, p, q);
    }

    /// <summary>Σ_j (|s_j|/p)^q, so that Σ_j h*(s_j) = (p−1) · this.</summary>
    private static double Penalty(double[] s, double p, double q)
    {
        var penalty = 0.0;
        foreach (var v in s) penalty += Math.Pow(Math.Abs(v) / p, q);
        return penalty;
    }

    /// <summary>argmax_t D(t λ): D(tλ) = t yᵀλ − (p−1) t^q Σ(|s|/p)^q.</summary>
    private static double BestMultiple(double[] y, double[] lambda, double[] s, double p, double q)
    {
        var linear = GramSystem.Dot(y, lambda);
        var penalty = Penalty(s, p, q);
        if (!(linear > 0) || !(penalty > 0)) return 1;
        return Math.Pow(linear / ((p - 1) * q * penalty), 1 / (q - 1));
    }
}
