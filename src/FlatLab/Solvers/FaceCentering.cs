using FlatLab.LinearAlgebra;

namespace FlatLab.Solvers;

/// <summary>
/// p = 1, central point (docs/solver.md, "Which optimal point"): the analytic centre of the optimal face,
///   max Σ_{j∈S} log(σ_j b_j)  s.t.  Ψ_S b_S = y,  b_j = 0 off S,
/// where S and the signs σ are the optimal partition read off a near-optimal interior-point pair. The
/// face's columns Ψ_S are often dependent and of rank below n (degenerate optima, rank-deficient Φ), so
/// the constraint is first reduced by a pivoted QR of Ψ_Sᵀ to its ρ independent, orthonormal rows
/// Q₁ᵀ b_S = c (<see cref="RangeReduction"/>); Newton's method then takes its steps from a QR of
/// B Q₁ (k × ρ, of full column rank whatever the rank of Ψ_S), with a convergence test that rounding can meet.
///
/// The answer is certified, not assumed: a dual λ, the interior point's made complementary on S
/// (Ψ_Sᵀλ = σ), closes the gap, so every point of the face is optimal; and |(Ψᵀλ)_j| &lt; 1 − DualSlack
/// off S, so no optimal point leaves it (an optimal b' has |b'_j| ≤ gap / (1 − |(Ψᵀλ)_j|)). A guess that
/// fails either check is rejected and the interior point goes on.
/// </summary>
internal sealed class FaceCentering(ScaledProblem problem, double gapTolerance, double feasibilityTolerance)
{
    /// <summary>The last partition tried and its centre: the centre depends on the partition alone, so a later
    /// iterate showing the same partition only brings a better dual to certify it with.</summary>
    private (int[] Support, CentreResult Centre)? _last;

    /// <summary>Why the last attempt failed; empty when none was made or the last one succeeded.</summary>
    public string Failure { get; private set; } = "";

    /// <summary>
    /// The certified centre from the iterate (b, λ), or null. Away from the end of the iterations
    /// (<paramref name="final"/> false) only iterates with a small gap and a clear partition are tried; each
    /// partition is centred once and certified again with the duals of later iterates.
    /// </summary>
    public CoreSolution? TryCertify(double[] b, double[] lambda, int iterations, bool final)
    {
        var m = problem.M;
        var objective = b.Sum(Math.Abs);
        if (!final && !(Math.Abs(objective - GramSystem.Dot(problem.Y, lambda)) <= SolverTolerances.CentringIterateGap * Math.Max(1, objective)))
            return null;
        var s = problem.ApplyTranspose(lambda);
        var indicator = new double[m];
        for (var c = 0; c < m; c++) indicator[c] = Math.Abs(b[c]) / Math.Max(1 - Math.Abs(s[c]), 1e-300);
        var support = Enumerable.Range(0, m).Where(c => indicator[c] > 1).ToArray();
        if (support.Length == 0)
        {
            if (final) Failure = "the last iterate shows no support (no |b_j| above its dual slack 1 − |(Ψᵀλ)_j|)";
            return null;
        }
        if (!final)
        {
            // Only a clear split between the support and the rest is worth a centring (its QR and Newton steps).
            var inside = support.Min(c => indicator[c]);
            var outside = Enumerable.Range(0, m).Where(c => !(indicator[c] > 1)).Select(c => indicator[c]).DefaultIfEmpty(0).Max();
            if (!(inside > SolverTolerances.CentringSplit * outside)) return null;
        }
        var centre = _last is { } last && last.Support.AsSpan().SequenceEqual(support) ? last.Centre : Centre(support, b);
        _last = (support, centre);
        if (centre.Point is null)
        {
            Failure = centre.Failure;
            return null;
        }
        var certificate = Certify(support, centre.Reduction!, centre.Point, lambda, s);
        if (certificate is null) return null;
        var (dual, dualObjective, worst) = certificate.Value;
        Failure = "";
        var k = support.Length;
        return new CoreSolution(SolverStatus.Solved,
            $"Solved by interior point in {iterations} iterations; central point: the analytic centre of the optimal face " +
            $"({k} non-zeros, dimension {k - centre.Rank}) by {centre.Steps} Newton steps, certified by a dual with zero gap on the face.",
            centre.Point, dual, dualObjective, Math.Max(worst - 1, 0), iterations, "interior-point+centring")
        {
            Point = OptimalPoint.Central,
        };
    }

    private sealed record CentreResult(double[]? Point, int Rank, int Steps, string Failure, RangeReduction? Reduction = null);

    /// <summary>Newton's method on the log barrier of {Ψ_S b_S = y, σ b_S &gt; 0}, in the orthonormal form of its
    /// independent rows, started from the iterate on S. Returns the full-length point (zero off S).</summary>
    private CentreResult Centre(int[] support, double[] iterate)
    {
        var k = support.Length;
        var yScale = Math.Max(1, problem.Y.Max(Math.Abs));
        var face = problem.WithColumns(support);
        var reduction = RangeReduction.Create(face);
        if (reduction.Reduced is null || reduction.OutsideRangeMax > feasibilityTolerance * yScale)
            return new(null, reduction.Rank, 0,
                $"the {k} support columns read off the iterate do not span y ({reduction.OutsideRangeMax:G3} outside their range)");
        var rho = reduction.Rank;
        var a = reduction.Reduced.Psi; // A = Q₁ᵀ, ρ × k, orthonormal rows
        var target = reduction.Reduced.Y;
        var kernels = problem.Kernels;
        var b = support.Select(c => iterate[c]).ToArray();
        var sign = b.Select(v => (double)Math.Sign(v)).ToArray();
        var v = new double[k * rho];
        var tau = new double[rho];
        var upper = new double[rho * rho];
        var ab = new double[rho];
        var t = new double[rho];
        var x = new double[k];
        var decrement = double.PositiveInfinity;
        for (var iteration = 1; iteration <= SolverTolerances.CentringIterations; iteration++)
        {
            // Infeasible-start Newton step in the scaled coordinates x = B⁻¹Δ: minimise ½‖x‖² − 1ᵀx subject to
            // (AB) x = r = c − Ab, i.e. x = (I − Q̃Q̃ᵀ) 1 + Q̃ R̃⁻ᵀ r with B Aᵀ = Q̃ R̃ (k × ρ, of full column
            // rank). The QR keeps the error of x at ε·κ(AB) where the normal equations (AB)(AB)ᵀ would square it.
            for (var i = 0; i < rho; i++)
                for (var j = 0; j < k; j++) v[j + i * k] = b[j] * a[i + j * rho];
            kernels.Qr(k, rho, v, tau);
            for (var j = 0; j < rho; j++)
                for (var i = 0; i <= j; i++) upper[i + j * rho] = v[i + j * k];
            kernels.QrFormQ(k, rho, v, tau);
            kernels.MultiplyVector(false, rho, k, a, b, ab);
            var residual = 0.0;
            for (var i = 0; i < rho; i++)
            {
                t[i] = target[i] - ab[i];
                residual = Math.Max(residual, Math.Abs(t[i]));
            }
            if (!SolveTransposed(upper, rho, t))
                return new(null, rho, iteration, "the centring's Newton system was singular");
            // t ← R̃⁻ᵀ r − Q̃ᵀ1, then x = 1 + Q̃ t.
            for (var i = 0; i < rho; i++)
            {
                var column = v.AsSpan(i * k, k);
                var sum = 0.0;
                foreach (var q in column) sum += q;
                t[i] -= sum;
            }
            kernels.MultiplyVector(false, k, rho, v, t, x);
            decrement = 0.0;
            var (largest, smallest) = (0.0, double.PositiveInfinity);
            for (var j = 0; j < k; j++)
            {
                x[j] += 1;
                decrement += x[j] * x[j];
                largest = Math.Max(largest, Math.Abs(b[j]));
                smallest = Math.Min(smallest, Math.Abs(b[j]));
            }
            decrement = Math.Sqrt(decrement);
            // Converged: the Newton decrement λ = ‖x‖ is below 1e-8 (the last full step then leaves each coordinate
            // within about λ² of the centre, relative) or within a hundred times its own rounding error
            // ε·κ(AB)·√k, κ(AB) ≤ max|b| / min|b|; and the point is on the face to rounding.
            var floor = SolverTolerances.CentringRoundingFactor * FloatingPoint.UnitRoundoff * (largest / smallest) * Math.Sqrt(k);
            var onFace = residual <= SolverTolerances.CentringResidual * Math.Max(largest, target.Max(Math.Abs));
            // Damped Newton (the barrier is self-concordant): a step of 1/(1 + λ) stays inside the orthant
            // (|αx_j| < 1) and decreases the barrier; full steps once λ is small, where convergence is quadratic.
            var alpha = decrement <= SolverTolerances.CentringFullStep ? 1 : 1 / (1 + decrement);
            for (var j = 0; j < k; j++) b[j] += alpha * b[j] * x[j];
            if (b.Where((value, j) => !(value * sign[j] > 0)).Any())
                return new(null, rho, iteration, "a centring step left the sign orthant of the face");
            if (onFace && decrement <= Math.Max(SolverTolerances.CentringDecrement, floor))
            {
                var point = new double[problem.M];
                for (var j = 0; j < k; j++) point[support[j]] = b[j];
                return new(point, rho, iteration, "", reduction);
            }
        }
        return new(null, rho, SolverTolerances.CentringIterations,
            $"the centring of the face ({k} columns of rank {rho}) did not converge in {SolverTolerances.CentringIterations} Newton steps " +
            $"(Newton decrement {decrement:G3})");
    }

    /// <summary>Rᵀ x = b in place (R upper triangular, r × r, column-major); false when a diagonal entry is zero.</summary>
    private static bool SolveTransposed(double[] upper, int r, double[] b)
    {
        for (var i = 0; i < r; i++)
        {
            var s = b[i];
            for (var k = 0; k < i; k++) s -= upper[k + i * r] * b[k];
            var diagonal = upper[i + i * r];
            if (diagonal == 0) return false;
            b[i] = s / diagonal;
        }
        return true;
    }

    /// <summary>
    /// A dual that certifies the centre: the interior point's λ moved onto Ψ_Sᵀλ = σ (the change
    /// λ' = R₁₁⁻¹ Q₁ᵀ e on the face's independent rows, e = σ − Ψ_Sᵀλ), scaled into |Ψᵀλ| ≤ 1, or λ itself
    /// when that does better. Certifies when the gap closes and the duals stay below 1 − DualSlack off S.
    /// </summary>
    private (double[] Dual, double DualObjective, double Worst)? Certify(int[] support, RangeReduction reduction, double[] point,
        double[] lambda, double[] s)
    {
        var objective = point.Sum(Math.Abs);
        var onSupport = new bool[problem.M];
        foreach (var c in support) onSupport[c] = true;
        var e = support.Select(c => Math.Sign(point[c]) - s[c]).ToArray();
        var projected = new double[reduction.Rank];
        problem.Kernels.MultiplyVector(false, reduction.Rank, support.Length, reduction.Reduced!.Psi, e, projected);
        var shift = reduction.ToSampleDual(projected);
        var sharp = lambda.Select((v, i) => v + shift[i]).ToArray();

        var reasons = new List<string>();
        foreach (var candidate in new[] { sharp, lambda })
        {
            var t = problem.ApplyTranspose(candidate);
            var worst = t.Max(Math.Abs);
            var feasible = worst > 1 ? candidate.Select(v => v / worst).ToArray() : candidate;
            var dualObjective = GramSystem.Dot(problem.Y, feasible);
            var gap = objective - dualObjective;
            var off = Enumerable.Range(0, problem.M).Where(c => !onSupport[c]).Select(c => Math.Abs(t[c]) / Math.Max(worst, 1)).DefaultIfEmpty(0).Max();
            if (!(Math.Abs(gap) <= gapTolerance * Math.Max(1, objective)))
                reasons.Add($"relative gap {Math.Abs(gap) / Math.Max(1, objective):G3}");
            else if (!(off < 1 - SolverTolerances.DualSlack))
                reasons.Add($"a dual at {off:G12} off the support (the face may be larger)");
            else
                return (feasible, dualObjective, worst);
        }
        Failure = $"the centre of the face on {support.Length} columns was not certified optimal ({string.Join("; ", reasons)})";
        return null;
    }
}
