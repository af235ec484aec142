using System.Diagnostics;
using FlatLab.LinearAlgebra;

namespace FlatLab.Solvers;

/// <summary>
/// Solves docs/model.md §5, min Σ c_j |a_j|^p s.t. Φ a = y: an interior-point LP with crossover for
/// p = 1, Newton's method on the smooth dual for 1 &lt; p ≤ 2. Every answer carries its status,
/// residual, dual bound, gap and the certified lower bound; a failed solve carries NaN.
/// </summary>
public static class FlattestInterpolatorSolver
{
    /// <param name="progress">Told each stage and iteration (<see cref="SolverProgress"/>); null for none.</param>
    public static FlattestInterpolatorResult Solve(FlattestInterpolatorProblem problem, IDenseKernels kernels, SolverSettings? settings = null,
        IProgress<SolverProgress>? progress = null)
    {
        problem.Validate();
        ArgumentNullException.ThrowIfNull(kernels);
        settings = (settings ?? new SolverSettings()).Validate();
        var clock = Stopwatch.StartNew();
        var scaled = ScaledProblem.Create(problem, kernels);
        var n = scaled.N;

        // Fast path: ΨΨᵀ factors and Ψ is well conditioned. Otherwise the rank and the range are read
        // off a pivoted QR of Ψᵀ, and the problem is solved on independent rows in orthonormal form.
        progress?.Report(new SolverProgress("gram"));
        var (gram, why) = GramSystem.Create(scaled, settings);
        var space = scaled;
        RangeReduction? reduction = null;
        if (gram is null)
        {
            progress?.Report(new SolverProgress("rank-revealing-qr"));
            // p = 1 always takes the orthonormal form: near a degenerate optimum the interior point's normal
            // matrices Ψ D Ψᵀ are already nearly singular through D, and κ(Ψ_S)² on top makes them unusable.
            reduction = RangeReduction.Create(scaled, problem.P == 1 ? 0 : settings.ConditionLimit);
            var rank = reduction.Rank;
            var yScale = Math.Max(1, problem.Labels.Max(Math.Abs));
            if (reduction.OutsideRangeMax > settings.FeasibilityTolerance * yScale || reduction.Reduced is null)
                return Failure(SolverStatus.Infeasible,
                    $"Φa = y has no solution: rank(Φ) = {rank} < n = {n} and y lies {reduction.OutsideRangeNorm:G3} " +
                    $"(2-norm; {reduction.OutsideRangeMax:G3} max abs) outside the range of Φ.",
                    problem, reduction, clock);
            if (!(reduction.ConditionEstimate <= SolverTolerances.RankConditionCeiling))
                return Failure(SolverStatus.IllConditioned,
                    $"Φ is too ill-conditioned: κ ≈ {reduction.ConditionEstimate:G3} on its {rank} independent rows (n = {n}) is above " +
                    $"{SolverTolerances.RankConditionCeiling:G3}, where the optimum depends on the last digits of Φ; y is within its range.",
                    problem, reduction, clock);
            space = reduction.Reduced;
            gram = reduction.Orthonormal
                ? GramSystem.Orthonormal(space)
                : GramSystem.Factored(space, reduction.GramFactor, reduction.ConditionEstimate);
        }

        var (minNorm, mu) = gram.MinimumNorm();
        var lowerBound = GramSystem.LowerBound(minNorm, problem.P);
        var core = problem.P == 1
            ? SolveLinearProgram(space, gram, minNorm, mu, settings, progress)
            : DualNewtonSolver.Solve(space, gram, mu, settings, progress);
        space.ReleaseWorkspace();
        if (reduction is not null)
            core = core with
            {
                Method = "pivoted-qr+" + core.Method,
                Message = core.Message + (reduction.Rank < n
                    ? $" Ψ has rank {reduction.Rank} < n = {n} ({why}): solved on {reduction.Rank} independent rows" +
                      (reduction.Orthonormal ? " in the orthonormal form of a pivoted QR of Ψᵀ" : "") + $", checked on all {n}."
                    : $" {char.ToUpperInvariant(why[0])}{why[1..]}: solved" +
                      (reduction.Orthonormal ? " in the orthonormal form of a pivoted QR of Ψᵀ." : " on the rows a pivoted QR of Ψᵀ kept.")),
            };
        var condition = reduction?.ConditionEstimate ?? gram.ConditionEstimate;
        return Assemble(scaled, reduction, core, condition, lowerBound, settings, clock);
    }

    private static FlattestInterpolatorResult Failure(SolverStatus status, string message, FlattestInterpolatorProblem problem,
        RangeReduction reduction, Stopwatch clock) => new()
    {
        Status = status, Message = message, P = problem.P, ConditionEstimate = reduction.ConditionEstimate,
        PhiRank = reduction.Rank, OutsideRangeNorm = reduction.OutsideRangeNorm, SolveSeconds = clock.Elapsed.TotalSeconds,
    };

    private static CoreSolution SolveLinearProgram(ScaledProblem scaled, GramSystem gram, double[] minNorm, double[] mu, SolverSettings settings,
        IProgress<SolverProgress>? progress)
    {
        var centring = new FaceCentering(scaled, settings.GapTolerance, settings.FeasibilityTolerance);
        var central = settings.Point == OptimalPoint.Central;
        var core = central
            ? InteriorPointLpSolver.Solve(scaled, gram, minNorm, mu, settings, progress, (b, lambda, it, _) => centring.TryCertify(b, lambda, it, final: false))
            : InteriorPointLpSolver.Solve(scaled, gram, minNorm, mu, settings, progress, (b, lambda, it, workspace) => VertexCrossover.TryCertify(scaled, b, lambda, it, settings.GapTolerance, workspace));
        scaled.ReleaseWorkspace();
        if (core.Point is not null) return core;
        if (core.Status != SolverStatus.Solved && !central) return core;
        progress?.Report(new SolverProgress("crossover"));
        // The iterations ended without a certified point: the centre of the face the last iterate shows.
        var centre = centring.TryCertify(core.Scaled, core.Dual, core.Iterations, final: true);
        if (central)
            return centre ?? core with
            {
                Status = core.Status == SolverStatus.Solved ? SolverStatus.NumericalError : core.Status,
                Message = (core.Status == SolverStatus.Solved
                    ? $"The interior point met its tolerances in {core.Iterations} iterations, but the central point"
                    : core.Message + " The central point") + $" was not certified: {centring.Failure}.",
            };

        var point = centre?.Scaled ?? gram.Project(core.Scaled);
        var vertex = VertexCrossover.FindVertex(scaled, point, core.Dual);
        var pointObjective = point.Sum(Math.Abs);
        // A vertex off the optimal face (objective above the central point's) is rejected.
        if (vertex is not null && vertex.Sum(Math.Abs) > pointObjective + SolverTolerances.VertexOffFace * settings.GapTolerance * Math.Max(1, pointObjective))
            vertex = null;
        if (vertex is not null)
            return core with
            {
                Scaled = vertex, Alternative = centre?.Scaled, Point = OptimalPoint.Vertex, Method = "interior-point+crossover",
                Message = core.Message + " Vertex by crossover.",
            };
        return centre is not null ? centre with { Message = centre.Message + " Crossover found no vertex; the central point is returned." } : core with
        {
            Scaled = point, Point = OptimalPoint.Central,
            Message = core.Message + $" Crossover found no vertex, and the central point was not certified ({centring.Failure}): the interior-point iterate is returned.",
        };
    }

    /// <param name="scaled">The problem on all n samples: the residual is checked there.</param>
    private static FlattestInterpolatorResult Assemble(ScaledProblem scaled, RangeReduction? reduction,
        CoreSolution core, double condition, double lowerBound, SolverSettings settings, Stopwatch clock)
    {
        var problem = scaled.Source;
        var rank = reduction?.Rank ?? scaled.N;
        var outside = reduction?.OutsideRangeNorm ?? 0;
        if (core.Status != SolverStatus.Solved)
            return new FlattestInterpolatorResult
            {
                Status = core.Status, Message = core.Message, P = problem.P, LowerBound = lowerBound,
                ConditionEstimate = condition, PhiRank = rank, OutsideRangeNorm = outside, Iterations = core.Iterations,
                Method = core.Method, SolveSeconds = clock.Elapsed.TotalSeconds,
            };

        var a = scaled.ToOuterWeights(core.Scaled);
        var p = problem.P;
        var objective = 0.0;
        for (var j = 0; j < a.Length; j++) objective += problem.Weights[j] * Math.Pow(Math.Abs(a[j]), p);
        var residual = PrimalResidual(problem, a);
        // λ on the samples; on the rank-revealing path Ψᵀλ is only as accurate as κ(Ψ)·ε allows, which the
        // reported dual infeasibility shows (the status rests on the gap in the orthonormal form).
        var dual = reduction is null ? core.Dual : reduction.ToSampleDual(core.Dual);
        var dualInfeasibility = p == 1 ? Math.Max(scaled.ApplyTranspose(dual).Max(Math.Abs) - 1, 0) : 0;
        var gap = objective - core.DualObjective;
        var yScale = Math.Max(1, problem.Labels.Max(Math.Abs));

        var (status, message) = (core.Status, core.Message);
        if (!(residual <= settings.FeasibilityTolerance * yScale))
            (status, message) = (SolverStatus.IllConditioned,
                $"The solution misses the labels by {residual:G3} (max abs) > tolerance on all {scaled.N} rows: " +
                $"Φ (κ ≈ {condition:G3} on {rank} independent rows) is too ill-conditioned.");
        else if (!(Math.Abs(gap) <= SolverTolerances.FinalGapFactor * settings.GapTolerance * Math.Max(1, objective)))
            (status, message) = (SolverStatus.NumericalError, $"The duality gap {gap:G3} did not close to the tolerance.");
        if (!status.HasSolution())
            return new FlattestInterpolatorResult
            {
                Status = status, Message = message, P = p, LowerBound = lowerBound, ConditionEstimate = condition,
                PhiRank = rank, OutsideRangeNorm = outside, Iterations = core.Iterations, Method = core.Method, SolveSeconds = clock.Elapsed.TotalSeconds,
            };

        return new FlattestInterpolatorResult
        {
            Status = status,
            Message = message,
            P = p,
            Objective = objective,
            FlatnessMin = problem.FlatnessScale * objective,
            LowerBound = lowerBound,
            DualObjective = core.DualObjective,
            DualityGap = gap,
            PrimalResidual = residual,
            DualInfeasibility = dualInfeasibility,
            ConditionEstimate = condition,
            PhiRank = rank,
            OutsideRangeNorm = outside,
            UnitLpNorm = a.Sum(v => Math.Pow(Math.Abs(v), p)),
            OuterWeights = a,
            Dual = dual,
            Point = core.Point,
            AlternativeWeights = core.Alternative is null ? null : scaled.ToOuterWeights(core.Alternative),
            Support = a.Count(v => v != 0),
            Iterations = core.Iterations,
            SolveSeconds = clock.Elapsed.TotalSeconds,
            Method = core.Method,
        };
    }

    /// <summary>
    /// ‖Φa − y‖_∞ on the original Φ, independent of the scaling used inside. Φa is summed over the columns in
    /// order, each row on its own (the order of Math.NET's managed product, so the same bits), a column at a
    /// time: no copy of Φ (a product through Math.NET transposes it first).
    /// </summary>
    private static double PrimalResidual(FlattestInterpolatorProblem problem, double[] a)
    {
        var n = problem.SampleCount;
        var phi = problem.Phi.Values;
        var r = new double[n];
        var width = System.Numerics.Vector<double>.Count;
        for (var j = 0; j < a.Length; j++)
        {
            var aj = a[j];
            var column = phi.AsSpan(j * n, n);
            var i = 0;
            for (; i <= n - width; i += width)
                (new System.Numerics.Vector<double>(r.AsSpan(i)) + new System.Numerics.Vector<double>(column[i..]) * aj).CopyTo(r.AsSpan(i));
            for (; i < n; i++) r[i] += column[i] * aj;
        }
        var worst = 0.0;
        for (var i = 0; i < n; i++) worst = Math.Max(worst, Math.Abs(r[i] - problem.Labels[i]));
        return worst;
    }
}
