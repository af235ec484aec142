using FlatLab.LinearAlgebra;

namespace FlatLab.Solvers;

/// <summary>
/// The Cholesky factor of G = ΨΨᵀ (the fast path for full-rank, well-conditioned Ψ), which gives the
/// minimum-l2 interpolator b* = Ψᵀ G⁻¹ y, the certified lower bound of docs/model.md §5, and the
/// projection that polishes any near-feasible b onto Ψ b = y.
/// </summary>
internal sealed class GramSystem
{
    private readonly ScaledProblem _problem;
    private readonly double[] _factor;
    /// <summary>Writes the factor again after it was lent (null: form G and factor it, as <see cref="Create"/>).</summary>
    private readonly Action<double[]>? _refill;
    /// <summary>True while <see cref="_factor"/> is lent out as a workspace and must be formed again before use.</summary>
    private bool _lent;

    private GramSystem(ScaledProblem problem, double[] factor, double conditionEstimate, Action<double[]>? refill = null)
    {
        _problem = problem;
        _factor = factor;
        _refill = refill;
        ConditionEstimate = conditionEstimate;
    }

    /// <summary>Estimated κ(Ψ) = √(λ_max(G) / λ_min(G)); resolved up to about 1e8 = ε^{−1/2}, where G's
    /// rounding takes over.</summary>
    public double ConditionEstimate { get; }

    /// <summary>
    /// Factors G when Ψ is clearly of full row rank and κ(Ψ) ≤ <see cref="SolverSettings.ConditionLimit"/>;
    /// otherwise null and the reason, and the solver takes the rank-revealing path (<see cref="RangeReduction"/>).
    /// </summary>
    public static (GramSystem? System, string Reason) Create(ScaledProblem problem, SolverSettings settings)
    {
        var n = problem.N;
        if (problem.M < n)
            return (null, $"only {problem.M} live neurons for n = {n} samples");
        var g = problem.Gram();
        if (!problem.Kernels.CholeskyFactor(n, g))
            return (null, "the Gram matrix ΨΨᵀ is numerically singular");
        var kappa = EstimateCondition(problem, g);
        if (!(kappa <= settings.ConditionLimit))
            return (null, $"κ(Ψ) ≈ {kappa:G3} is above the Gram path's limit {settings.ConditionLimit:G3}");
        return (new GramSystem(problem, g, kappa), "");
    }

    /// <summary>The system of a problem whose rows are orthonormal (the reduced form of
    /// <see cref="RangeReduction"/>): G = I, nothing to form or factor.</summary>
    public static GramSystem Orthonormal(ScaledProblem problem)
    {
        var n = problem.N;
        var identity = new double[n * n];
        Identity(identity, n);
        return new GramSystem(problem, identity, 1, target => Identity(target, n));
    }

    /// <summary>The system of a problem whose Gram matrix is already factored: <paramref name="fillFactor"/> writes
    /// its lower Cholesky factor (n × n), now and whenever the storage comes back from a loan.</summary>
    public static GramSystem Factored(ScaledProblem problem, Action<double[]> fillFactor, double conditionEstimate)
    {
        var factor = new double[problem.N * problem.N];
        fillFactor(factor);
        return new GramSystem(problem, factor, conditionEstimate, fillFactor);
    }

    private static void Identity(double[] target, int n)
    {
        Array.Clear(target);
        for (var i = 0; i < n; i++) target[i + i * n] = 1;
    }

    /// <summary>
    /// The n × n storage of the factor, for a solver's own n × n matrix (the interior point's normal
    /// matrix), so a solve holds one such matrix instead of two (docs/benchmarks.md#memory). The factor
    /// is formed again, to the same bits, the next time it is needed.
    /// </summary>
    public double[] LendWorkspace()
    {
        _lent = true;
        return _factor;
    }

    /// <summary>G⁻¹ v.</summary>
    public double[] Solve(double[] v)
    {
        Restore();
        var x = (double[])v.Clone();
        _problem.Kernels.CholeskySolve(_problem.N, _factor, x);
        return x;
    }

    /// <summary>b + Ψᵀ G⁻¹ (y − Ψ b): the nearest point of {Ψ b = y} in l2, refined twice.</summary>
    public double[] Project(double[] b)
    {
        var x = (double[])b.Clone();
        for (var pass = 0; pass < 2; pass++)
        {
            var correction = _problem.ApplyTranspose(Solve(_problem.Residual(x)));
            for (var c = 0; c < x.Length; c++) x[c] += correction[c];
        }
        return x;
    }

    /// <summary>Forms the factor again after <see cref="LendWorkspace"/>: the same products in the same order as
    /// <see cref="Create"/>, so the same bits.</summary>
    private void Restore()
    {
        if (!_lent) return;
        _lent = false;
        var n = _problem.N;
        if (_refill is not null)
        {
            _refill(_factor);
            return;
        }
        Array.Clear(_factor);
        _problem.Kernels.SymmetricRankK(n, _problem.M, _problem.Psi, _factor);
        if (!_problem.Kernels.CholeskyFactor(n, _factor))
            throw new InvalidOperationException("The Gram matrix factored once but not again: the kernels are not deterministic.");
    }

    /// <summary>b* = Ψᵀ G⁻¹ y, the minimum-l2 interpolator, and μ = G⁻¹ y.</summary>
    public (double[] MinNorm, double[] Mu) MinimumNorm()
    {
        var mu = Solve(_problem.Y);
        var b = _problem.ApplyTranspose(mu);
        // One step of iterative refinement keeps the residual at rounding level.
        var r = _problem.Residual(b);
        var dmu = Solve(r);
        var db = _problem.ApplyTranspose(dmu);
        for (var c = 0; c < b.Length; c++) b[c] += db[c];
        for (var i = 0; i < mu.Length; i++) mu[i] += dmu[i];
        return (b, mu);
    }

    /// <summary>(‖b*‖₂² / ‖b*‖_q)^p ≤ the optimum (weak duality at λ = t G⁻¹ y, docs/model.md §5).</summary>
    public static double LowerBound(double[] minNorm, double p)
    {
        var l2sq = minNorm.Sum(v => v * v);
        if (l2sq == 0) return 0;
        double lq;
        if (p == 1) lq = minNorm.Max(Math.Abs);
        else
        {
            var q = p / (p - 1);
            var scale = minNorm.Max(Math.Abs);
            lq = scale * Math.Pow(minNorm.Sum(v => Math.Pow(Math.Abs(v) / scale, q)), 1 / q);
        }
        return Math.Pow(l2sq / lq, p);
    }

    /// <summary>κ(Ψ) from λ_max(G) by power iteration on ΨΨᵀ and λ_min(G) by inverse iteration on the factor.</summary>
    private static double EstimateCondition(ScaledProblem problem, double[] factor)
    {
        var n = problem.N;
        var v = Enumerable.Range(0, n).Select(i => 1.0 + 0.5 * Math.Sin(i + 1)).ToArray();
        var w = (double[])v.Clone();
        double lambdaMax = 0, inverseMax = 0;
        for (var it = 0; it < SolverTolerances.ConditionIterations; it++)
        {
            Normalize(v);
            var gv = problem.Apply(problem.ApplyTranspose(v));
            lambdaMax = Dot(v, gv);
            v = gv;
            Normalize(w);
            var x = (double[])w.Clone();
            problem.Kernels.CholeskySolve(n, factor, x);
            inverseMax = Dot(w, x);
            w = x;
        }
        return inverseMax > 0 ? Math.Sqrt(lambdaMax * inverseMax) : double.PositiveInfinity;
    }

    private static void Normalize(double[] v)
    {
        var norm = Math.Sqrt(Dot(v, v));
        if (norm == 0) return;
        for (var i = 0; i < v.Length; i++) v[i] /= norm;
    }

    internal static double Dot(double[] a, double[] b)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
