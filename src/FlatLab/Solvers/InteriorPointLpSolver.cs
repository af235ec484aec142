namespace FlatLab.Solvers;

/// <summary>
/// p = 1: Mehrotra's predictor–corrector interior-point method for weighted basis pursuit in
/// scaled coordinates, min Σ_j |b_j| s.t. Ψ b = y, written with b = u − v, u, v ≥ 0:
///   primal  min 1ᵀu + 1ᵀv,  Ψ(u − v) = y;     dual  max yᵀλ,  Ψᵀλ + z_u = 1,  −Ψᵀλ + z_v = 1,  z ≥ 0.
/// Each iteration factors the n × n normal matrix Ψ (U/Z_u + V/Z_v) Ψᵀ once and solves with it
/// twice. It starts primal feasible at the minimum-l2 interpolator and dual feasible at a
/// multiple of G⁻¹ y, and returns the central point of the optimal face.
/// </summary>
internal static class InteriorPointLpSolver
{
    /// <param name="finish">Tried on each iterate once the relative gap is below
    /// <see cref="SolverTolerances.CrossoverGap"/>: a certified
    /// answer ends the iterations early; null goes on. Its last argument is the n × n normal matrix's storage,
    /// free between iterations, for its own n × n work.</param>
    /// <param name="gram">Lends its n × n storage for the normal matrix (<see cref="GramSystem.LendWorkspace"/>).</param>
    public static CoreSolution Solve(ScaledProblem problem, GramSystem gram, double[] minNorm, double[] mu, SolverSettings settings,
        IProgress<SolverProgress>? progress,
        Func<double[], double[], int, double[], CoreSolution?>? finish = null)
    {
        var n = problem.N;
        var m = problem.M;
        var y = problem.Y;
        var yScale = Math.Max(1, y.Max(Math.Abs));

        // Start: u − v = b* (primal feasible); λ = G⁻¹y / (2‖b*‖∞) so that z ∈ [1/2, 3/2].
        var shift = Math.Max(minNorm.Sum(Math.Abs) / m, SolverTolerances.StartShift * yScale);
        var u = minNorm.Select(v => Math.Max(v, 0) + shift).ToArray();
        var v = minNorm.Select(x => Math.Max(-x, 0) + shift).ToArray();
        var t = 0.5 / Math.Max(minNorm.Max(Math.Abs), 1e-300);
        var lambda = mu.Select(x => x * t).ToArray();
        var s = problem.ApplyTranspose(lambda);
        var zu = s.Select(x => 1 - x).ToArray();
        var zv = s.Select(x => 1 + x).ToArray();

        var normal = gram.LendWorkspace();
        var d = new double[m];
        var iterations = 0;
        SolverStatus? failure = null;
        var failureMessage = "";
        while (true)
        {
            var rp = problem.Residual(Difference(u, v));
            var rdu = new double[m];
            var rdv = new double[m];
            for (var c = 0; c < m; c++)
            {
                rdu[c] = 1 - s[c] - zu[c];
                rdv[c] = 1 + s[c] - zv[c];
            }
            var primal = u.Sum() + v.Sum();
            var dual = GramSystem.Dot(y, lambda);
            var complementarity = Dot(u, zu) + Dot(v, zv);
            var primalInfeasibility = rp.Max(Math.Abs);
            var dualInfeasibility = Math.Max(rdu.Max(Math.Abs), rdv.Max(Math.Abs));
            if (Math.Abs(primal - dual) <= settings.GapTolerance * Math.Max(1, Math.Abs(primal)) &&
                complementarity <= settings.GapTolerance * Math.Max(1, Math.Abs(primal)) &&
                primalInfeasibility <= settings.FeasibilityTolerance * yScale &&
                dualInfeasibility <= SolverTolerances.DualFeasibility)
                break;
            if (finish is not null && Math.Abs(primal - dual) <= SolverTolerances.CrossoverGap * Math.Max(1, Math.Abs(primal)) &&
                finish(Difference(u, v), lambda, iterations, normal) is { } finished)
                return finished;
            if (iterations == settings.MaxIterations)
            {
                (failure, failureMessage) = (SolverStatus.MaxIterations, $"Stopped after {iterations} interior-point iterations before reaching the tolerances.");
                break;
            }
            iterations++;
            progress?.Report(new SolverProgress("interior-point", iterations,
                Math.Abs(primal - dual) / Math.Max(1, Math.Abs(primal)), primalInfeasibility));

            for (var c = 0; c < m; c++) d[c] = u[c] / zu[c] + v[c] / zv[c];
            if (!problem.FactorWeightedGram(d, normal))
            {
                (failure, failureMessage) = (SolverStatus.NumericalError, "The normal matrix Ψ D Ψᵀ could not be factored.");
                break;
            }

            // Predictor (affine scaling): σ = 0.
            var rcu = new double[m];
            var rcv = new double[m];
            for (var c = 0; c < m; c++)
            {
                rcu[c] = -u[c] * zu[c];
                rcv[c] = -v[c] * zv[c];
            }
            var affine = Direction(problem, normal, d, u, v, zu, zv, rp, rdu, rdv, rcu, rcv);
            var ap = Math.Min(1, MaxStep(u, affine.Du, v, affine.Dv));
            var ad = Math.Min(1, MaxStep(zu, affine.Dzu, zv, affine.Dzv));
            var muNow = complementarity / (2 * m);
            var muAffine = 0.0;
            for (var c = 0; c < m; c++)
                muAffine += (u[c] + ap * affine.Du[c]) * (zu[c] + ad * affine.Dzu[c])
                          + (v[c] + ap * affine.Dv[c]) * (zv[c] + ad * affine.Dzv[c]);
            muAffine /= 2 * m;
            var sigma = Math.Pow(muAffine / muNow, 3);

            // Corrector: centring σμ and the second-order term ΔuΔz of the predictor.
            for (var c = 0; c < m; c++)
            {
                rcu[c] = sigma * muNow - u[c] * zu[c] - affine.Du[c] * affine.Dzu[c];
                rcv[c] = sigma * muNow - v[c] * zv[c] - affine.Dv[c] * affine.Dzv[c];
            }
            var step = Direction(problem, normal, d, u, v, zu, zv, rp, rdu, rdv, rcu, rcv);
            step = CentralityCorrectors(problem, normal, d, u, v, zu, zv, step, sigma * muNow);
            var alphaP = Math.Min(1, SolverTolerances.StepFraction * MaxStep(u, step.Du, v, step.Dv));
            var alphaD = Math.Min(1, SolverTolerances.StepFraction * MaxStep(zu, step.Dzu, zv, step.Dzv));
            for (var c = 0; c < m; c++)
            {
                u[c] += alphaP * step.Du[c];
                v[c] += alphaP * step.Dv[c];
                zu[c] += alphaD * step.Dzu[c];
                zv[c] += alphaD * step.Dzv[c];
            }
            for (var i = 0; i < n; i++) lambda[i] += alphaD * step.Dlambda[i];
            s = problem.ApplyTranspose(lambda);
        }

        // A certified bound: scale λ into the dual feasible set |Ψᵀλ| ≤ 1.
        var sFinal = problem.ApplyTranspose(lambda);
        var worst = sFinal.Max(Math.Abs);
        var feasibleLambda = worst > 1 ? lambda.Select(x => x / worst).ToArray() : lambda;
        return new CoreSolution(failure ?? SolverStatus.Solved,
            failure is null ? $"Solved by interior point in {iterations} iterations." : failureMessage, Difference(u, v), feasibleLambda,
            GramSystem.Dot(y, feasibleLambda), Math.Max(worst - 1, 0), iterations, "interior-point");
    }

    /// <summary>
    /// Gondzio's multiple centrality correctors: aim a longer step at products x_j z_j pulled back
    /// into [0.1, 10] × the target μ (<see cref="SolverTolerances.CentralityBand"/>), reusing the factorisation; kept while they lengthen the step.
    /// </summary>
    private static Step CentralityCorrectors(ScaledProblem problem, double[] normal, double[] d,
        double[] u, double[] v, double[] zu, double[] zv, Step step, double target)
    {
        var m = problem.M;
        var zerosN = new double[problem.N];
        var zerosM = new double[m];
        var (alphaP, alphaD) = (MaxStep(u, step.Du, v, step.Dv), MaxStep(zu, step.Dzu, zv, step.Dzv));
        for (var k = 0; k < SolverTolerances.MaxCorrectors; k++)
        {
            var trialP = Math.Min(1, 1.2 * alphaP + 0.1);
            var trialD = Math.Min(1, 1.2 * alphaD + 0.1);
            var cu = new double[m];
            var cv = new double[m];
            for (var c = 0; c < m; c++)
            {
                cu[c] = Pull((u[c] + trialP * step.Du[c]) * (zu[c] + trialD * step.Dzu[c]), target);
                cv[c] = Pull((v[c] + trialP * step.Dv[c]) * (zv[c] + trialD * step.Dzv[c]), target);
            }
            var correction = Direction(problem, normal, d, u, v, zu, zv, zerosN, zerosM, zerosM, cu, cv);
            var candidate = new Step(Add(step.Du, correction.Du), Add(step.Dv, correction.Dv),
                Add(step.Dzu, correction.Dzu), Add(step.Dzv, correction.Dzv), Add(step.Dlambda, correction.Dlambda));
            var (newP, newD) = (MaxStep(u, candidate.Du, v, candidate.Dv), MaxStep(zu, candidate.Dzu, zv, candidate.Dzv));
            if (Math.Min(newP, 1) + Math.Min(newD, 1) < SolverTolerances.CorrectorGain * (Math.Min(alphaP, 1) + Math.Min(alphaD, 1))) break;
            (step, alphaP, alphaD) = (candidate, newP, newD);
            if (alphaP >= 1 && alphaD >= 1) break;
        }
        return step;
    }

    /// <summary>How far a complementarity product must move to re-enter [μ/w, w μ], w the
    /// <see cref="SolverTolerances.CentralityBand"/> (clipped from above).</summary>
    private static double Pull(double product, double target)
    {
        const double band = SolverTolerances.CentralityBand;
        if (product < target / band) return target / band - product;
        if (product > band * target) return Math.Max(band * target - product, -band * target);
        return 0;
    }

    private static double[] Add(double[] a, double[] b)
    {
        var r = new double[a.Length];
        for (var i = 0; i < r.Length; i++) r[i] = a[i] + b[i];
        return r;
    }

    private sealed record Step(double[] Du, double[] Dv, double[] Dzu, double[] Dzv, double[] Dlambda);

    /// <summary>Solves the Newton system by elimination onto the normal equations (see class comment).</summary>
    private static Step Direction(ScaledProblem problem, double[] normal, double[] d,
        double[] u, double[] v, double[] zu, double[] zv,
        double[] rp, double[] rdu, double[] rdv, double[] rcu, double[] rcv)
    {
        var m = problem.M;
        var w = new double[m];
        for (var c = 0; c < m; c++)
            w[c] = (rcu[c] - u[c] * rdu[c]) / zu[c] - (rcv[c] - v[c] * rdv[c]) / zv[c];
        var psiW = problem.Apply(w);
        var rhs = new double[rp.Length];
        for (var i = 0; i < rhs.Length; i++) rhs[i] = rp[i] - psiW[i];
        problem.Kernels.CholeskySolve(problem.N, normal, rhs);
        var ds = problem.ApplyTranspose(rhs);
        var du = new double[m];
        var dv = new double[m];
        var dzu = new double[m];
        var dzv = new double[m];
        for (var c = 0; c < m; c++)
        {
            dzu[c] = rdu[c] - ds[c];
            dzv[c] = rdv[c] + ds[c];
            du[c] = (rcu[c] - u[c] * dzu[c]) / zu[c];
            dv[c] = (rcv[c] - v[c] * dzv[c]) / zv[c];
        }
        return new Step(du, dv, dzu, dzv, rhs);
    }

    /// <summary>The largest α with x + α dx ≥ 0 and y + α dy ≥ 0.</summary>
    private static double MaxStep(double[] x, double[] dx, double[] y, double[] dy)
    {
        var alpha = double.PositiveInfinity;
        for (var c = 0; c < x.Length; c++)
        {
            if (dx[c] < 0) alpha = Math.Min(alpha, -x[c] / dx[c]);
            if (dy[c] < 0) alpha = Math.Min(alpha, -y[c] / dy[c]);
        }
        return alpha;
    }

    private static double[] Difference(double[] u, double[] v)
    {
        var b = new double[u.Length];
        for (var c = 0; c < b.Length; c++) b[c] = u[c] - v[c];
        return b;
    }

    private static double Dot(double[] a, double[] b) => GramSystem.Dot(a, b);
}
