namespace FlatLab.Solvers;

/// <summary>
/// The rank-revealing path of docs/model.md §5 (docs/solver.md, "Rank and conditioning"), taken when
/// G = ΨΨᵀ cannot be trusted. A QR factorisation with column pivoting of Ψᵀ (M × n),
///   Ψᵀ P = Q R,   R = [R₁₁ R₁₂; 0 R₂₂],
/// orders the samples so that the first r rows S of Ψ are the most independent ones; r, the numerical
/// rank, counts the |R_kk| above max(n, M)·ε·|R₀₀|. On S, Ψ_S = R₁₁ᵀ Q₁ᵀ exactly, so
///   Ψ_S b = y_S   ⇔   Q₁ᵀ b = R₁₁⁻ᵀ y_S,
/// the same problem with orthonormal rows: its Gram matrix is the identity and the existing methods
/// solve it without ever squaring κ(Ψ). When κ(R₁₁) is small enough for the Gram path, the kept rows
/// are used as they are, with Ψ_S Ψ_Sᵀ = R₁₁ᵀ R₁₁ already factored, and Q₁ is never formed. The other
/// rows are combinations of S up to R₂₂, so y is in the range of Ψ exactly when its component
/// orthogonal to the range, measured here, is negligible.
/// </summary>
internal sealed class RangeReduction
{
    /// <summary>Unit roundoff times two (the spacing of doubles at 1), as in the usual numerical-rank rule.</summary>
    private const double Epsilon = 2.220446049250313e-16;

    private readonly int[] _kept;
    private readonly double[] _r11;

    private RangeReduction(int samples, int rank, int[] kept, double[] r11, double outsideNorm, double outsideMax,
        double condition, ScaledProblem? reduced)
    {
        SampleCount = samples;
        Rank = rank;
        _kept = kept;
        _r11 = r11;
        OutsideRangeNorm = outsideNorm;
        OutsideRangeMax = outsideMax;
        ConditionEstimate = condition;
        Reduced = reduced;
    }

    public int SampleCount { get; }

    /// <summary>The numerical rank r of Ψ (live columns).</summary>
    public int Rank { get; }

    /// <summary>‖y − Π y‖₂, Π the orthogonal projection onto the numerical range of Ψ.</summary>
    public double OutsideRangeNorm { get; }

    /// <summary>‖y − Π y‖_∞, compared with the feasibility tolerance.</summary>
    public double OutsideRangeMax { get; }

    /// <summary>κ(R₁₁) = κ(Ψ_S), estimated by power and inverse iteration on R₁₁.</summary>
    public double ConditionEstimate { get; }

    /// <summary>Q₁ᵀ b = R₁₁⁻ᵀ y_S, or Ψ_S b = y_S (<see cref="Orthonormal"/>; r rows); null when the rank is 0.</summary>
    public ScaledProblem? Reduced { get; }

    /// <summary>The original sample index of each kept row, in pivot order.</summary>
    public IReadOnlyList<int> KeptRows => _kept;

    /// <param name="keepRowsBelow">When κ(R₁₁) is at most this, the reduced problem keeps the r independent rows
    /// of Ψ themselves, with the factor of their Gram matrix read off R₁₁ (<see cref="GramFactor"/>), instead of
    /// forming Q₁: the Gram path's accuracy, at the Gram path's conditioning (docs/solver.md, "Rank and
    /// conditioning"). 0: always the orthonormal form.</param>
    public static RangeReduction Create(ScaledProblem problem, double keepRowsBelow = 0)
    {
        var n = problem.N;
        var m = problem.M;
        var y = problem.Y;
        var yNorm = Math.Sqrt(GramSystem.Dot(y, y));
        if (m == 0)
            return new RangeReduction(n, 0, [], [], yNorm, y.Select(Math.Abs).DefaultIfEmpty(0).Max(), double.NaN, null);

        // A = Ψᵀ (M × n, column-major).
        var a = new double[m * n];
        var psi = problem.Psi;
        for (var c = 0; c < m; c++)
            for (var i = 0; i < n; i++) a[c + i * m] = psi[i + c * n];
        var kernels = problem.Kernels;
        var k = Math.Min(m, n);
        // With more columns than samples, a QR without pivoting first (blocked, BLAS-3) reduces Ψᵀ = Q_a R_a to its
        // k × n triangle, and the pivoted QR (half of whose work is matrix–vector products) runs on R_a: the same
        // pivots and R in exact arithmetic (Q_a is orthogonal), on a k × n instead of an M × n matrix.
        double[]? tauA = null;
        var rows = m;
        var factor = a;
        if (m > n)
        {
            tauA = new double[n];
            kernels.Qr(m, n, a, tauA);
            factor = new double[n * n];
            for (var j = 0; j < n; j++)
                for (var i = 0; i <= j; i++) factor[i + j * n] = a[i + j * m];
            rows = n;
        }
        var pivots = new int[n];
        var tau = new double[k];
        kernels.PivotedQr(rows, n, factor, pivots, tau);
        var order = pivots.Select(p => p - 1).ToArray();

        var threshold = Math.Max(m, n) * Epsilon * Math.Abs(factor[0]);
        var r = 0;
        while (r < k && Math.Abs(factor[r + r * rows]) > threshold) r++;
        if (r == 0)
            return new RangeReduction(n, 0, [], [], yNorm, y.Max(Math.Abs), double.NaN, null);

        var r11 = new double[r * r];
        for (var j = 0; j < r; j++)
            for (var i = 0; i <= j; i++) r11[i + j * r] = factor[i + j * rows];
        var kept = order.Take(r).ToArray();
        var yS = kept.Select(i => y[i]).ToArray();
        var (outsideNorm, outsideMax) = OutsideRange(problem, factor, rows, r, order, r11, yS);
        var condition = EstimateCondition(r11, r);

        if (condition <= keepRowsBelow)
        {
            // Ψ_S Ψ_Sᵀ = R₁₁ᵀ R₁₁: the kept rows with the factor of their Gram matrix, no Q₁ formed.
            var psiRows = new double[r * m];
            for (var c = 0; c < m; c++)
                for (var i = 0; i < r; i++) psiRows[i + c * r] = psi[kept[i] + c * n];
            return new RangeReduction(n, r, kept, r11, outsideNorm, outsideMax, condition, problem.WithRows(r, psiRows, yS))
            {
                Orthonormal = false,
            };
        }

        // Q₁ (M × r) from the first r reflectors (through Q_a when Ψᵀ was reduced first), then Ψ' = Q₁ᵀ and
        // y' = R₁₁⁻ᵀ y_S.
        double[] q1;
        kernels.QrFormQ(rows, r, factor, tau);
        if (tauA is null) q1 = factor;
        else
        {
            kernels.QrFormQ(m, n, a, tauA);
            q1 = new double[m * r];
            kernels.Multiply(false, false, m, r, n, a, factor.AsSpan(0, n * r).ToArray(), q1);
        }
        var psiReduced = new double[r * m];
        for (var c = 0; c < m; c++)
            for (var i = 0; i < r; i++) psiReduced[i + c * r] = q1[c + i * m];
        var yReduced = (double[])yS.Clone();
        SolveTransposed(r11, r, yReduced);
        var reduced = problem.WithRows(r, psiReduced, yReduced);
        return new RangeReduction(n, r, kept, r11, outsideNorm, outsideMax, condition, reduced);
    }

    /// <summary>True when <see cref="Reduced"/> is the orthonormal form Q₁ᵀ b = R₁₁⁻ᵀ y_S; false when it is the kept
    /// rows Ψ_S b = y_S themselves (see <see cref="Create"/>).</summary>
    public bool Orthonormal { get; private init; } = true;

    /// <summary>Writes the lower Cholesky factor L of Ψ_S Ψ_Sᵀ = R₁₁ᵀ R₁₁ into <paramref name="target"/> (r × r): L = (D R₁₁)ᵀ
    /// with D = sign(diag R₁₁), so that its diagonal is positive as a Cholesky factor's.</summary>
    public void GramFactor(double[] target)
    {
        var r = Rank;
        Array.Clear(target, 0, r * r);
        for (var j = 0; j < r; j++)
            for (var i = 0; i <= j; i++)
                target[j + i * r] = Math.Sign(_r11[i + i * r]) * _r11[i + j * r];
    }

    /// <summary>λ (length n, zero off the kept rows) for the reduced problem's dual λ': with the orthonormal form
    /// Ψᵀλ = Q₁ λ' for λ_S = R₁₁⁻¹ λ'; with the kept rows λ_S = λ'.</summary>
    public double[] ToSampleDual(double[] reducedDual)
    {
        var x = (double[])reducedDual.Clone();
        if (Orthonormal) Solve(_r11, Rank, x);
        var lambda = new double[SampleCount];
        for (var k = 0; k < Rank; k++) lambda[_kept[k]] = x[k];
        return lambda;
    }

    /// <summary>
    /// y's component orthogonal to the range of [R₁₁ R₁₂]ᵀ (in pivot order): with T = R₁₁⁻¹ R₁₂ the
    /// orthogonal complement is spanned by N = [−T; I], so the component is N (I + TᵀT)⁻¹ e with
    /// e = Nᵀ y = y_D − Tᵀ y_S, and its squared 2-norm is eᵀ (I + TᵀT)⁻¹ e.
    /// </summary>
    /// <param name="a">R (upper triangle) in an array with <paramref name="m"/> rows.</param>
    private static (double Norm, double Max) OutsideRange(ScaledProblem problem, double[] a, int m, int r, int[] order,
        double[] r11, double[] yS)
    {
        var n = problem.N;
        var dropped = n - r;
        if (dropped == 0) return (0, 0);
        var t = new double[r * dropped];
        for (var j = 0; j < dropped; j++)
        {
            var column = t.AsSpan(j * r, r);
            for (var i = 0; i < r; i++) column[i] = a[i + (r + j) * m];
            Solve(r11, r, column);
        }
        var tys = new double[dropped];
        problem.Kernels.MultiplyVector(true, r, dropped, t, yS, tys);
        var e = new double[dropped];
        for (var j = 0; j < dropped; j++) e[j] = problem.Y[order[r + j]] - tys[j];
        var h = new double[dropped * dropped];
        problem.Kernels.Multiply(true, false, dropped, dropped, r, t, t, h);
        for (var j = 0; j < dropped; j++) h[j + j * dropped] += 1;
        var z = (double[])e.Clone();
        if (!problem.Kernels.CholeskyFactor(dropped, h)) return (double.PositiveInfinity, double.PositiveInfinity);
        problem.Kernels.CholeskySolve(dropped, h, z);
        var tz = new double[r];
        problem.Kernels.MultiplyVector(false, r, dropped, t, z, tz);
        var max = Math.Max(z.Max(Math.Abs), tz.Max(Math.Abs));
        return (Math.Sqrt(Math.Max(GramSystem.Dot(e, z), 0)), max);
    }

    /// <summary>R x = b in place (R upper triangular, r × r, column-major), by columns.</summary>
    private static void Solve(double[] upper, int r, Span<double> b)
    {
        for (var j = r - 1; j >= 0; j--)
        {
            b[j] /= upper[j + j * r];
            var xj = b[j];
            var column = upper.AsSpan(j * r, j);
            for (var i = 0; i < j; i++) b[i] -= column[i] * xj;
        }
    }

    /// <summary>Rᵀ x = b in place, by dot products with the columns of R.</summary>
    private static void SolveTransposed(double[] upper, int r, Span<double> b)
    {
        for (var i = 0; i < r; i++)
        {
            var column = upper.AsSpan(i * r, i);
            var s = b[i];
            for (var k = 0; k < i; k++) s -= column[k] * b[k];
            b[i] = s / upper[i + i * r];
        }
    }

    /// <summary>R x (R upper triangular).</summary>
    private static double[] Apply(double[] upper, int r, double[] x)
    {
        var result = new double[r];
        for (var j = 0; j < r; j++)
        {
            var column = upper.AsSpan(j * r, j + 1);
            for (var i = 0; i <= j; i++) result[i] += column[i] * x[j];
        }
        return result;
    }

    /// <summary>Rᵀ x.</summary>
    private static double[] ApplyTransposed(double[] upper, int r, double[] x)
    {
        var result = new double[r];
        for (var i = 0; i < r; i++)
        {
            var column = upper.AsSpan(i * r, i + 1);
            var s = 0.0;
            for (var k = 0; k <= i; k++) s += column[k] * x[k];
            result[i] = s;
        }
        return result;
    }

    /// <summary>κ(R) = σ_max / σ_min by eight steps of power iteration on RᵀR and on (RᵀR)⁻¹: the order of
    /// magnitude reported and compared with thresholds needs no more.</summary>
    private static double EstimateCondition(double[] upper, int r)
    {
        var v = Enumerable.Range(0, r).Select(i => 1.0 + 0.5 * Math.Sin(i + 1)).ToArray();
        var w = (double[])v.Clone();
        double largest = 0, inverseLargest = 0;
        for (var it = 0; it < 8; it++)
        {
            Normalize(v);
            var rv = ApplyTransposed(upper, r, Apply(upper, r, v));
            largest = GramSystem.Dot(v, rv);
            v = rv;
            Normalize(w);
            var x = (double[])w.Clone();
            SolveTransposed(upper, r, x);
            Solve(upper, r, x);
            inverseLargest = GramSystem.Dot(w, x);
            w = x;
        }
        return largest > 0 && inverseLargest > 0 ? Math.Sqrt(largest * inverseLargest) : double.PositiveInfinity;
    }

    private static void Normalize(double[] v)
    {
        var norm = Math.Sqrt(GramSystem.Dot(v, v));
        if (norm == 0 || !double.IsFinite(norm)) return;
        for (var i = 0; i < v.Length; i++) v[i] /= norm;
    }
}
