using FlatLab.LinearAlgebra;

namespace FlatLab.Solvers;

/// <summary>
/// The problem in scaled coordinates (docs/model.md §5): Ψ = Φ diag(c^{−1/p}) over the live neurons,
/// b = c^{1/p} a, so the objective is Σ_j |b_j|^p. Dead neurons (c_j = 0 or a zero column) are
/// dropped here and get a_j = 0. The rank-revealing path (<see cref="RangeReduction"/>) replaces the
/// rows by an equivalent, better conditioned system with the same columns (<see cref="WithRows"/>).
/// </summary>
internal sealed class ScaledProblem
{
    private ScaledProblem(FlattestInterpolatorProblem problem, int[] live, double[] psi, int rows, double[] y, IDenseKernels kernels)
    {
        Source = problem;
        Live = live;
        Psi = psi;
        N = rows;
        Y = y;
        Kernels = kernels;
    }

    public FlattestInterpolatorProblem Source { get; }
    /// <summary>Original column index of each live column.</summary>
    public int[] Live { get; }
    /// <summary>Ψ, n × Live.Length, column-major.</summary>
    public double[] Psi { get; }
    public IDenseKernels Kernels { get; }
    /// <summary>The number of rows of Ψ (the samples, or the rows of an equivalent system).</summary>
    public int N { get; }
    public int M => Live.Length;
    /// <summary>The right-hand side: y, or its image in an equivalent system.</summary>
    public double[] Y { get; }
    public double P => Source.P;

    public static ScaledProblem Create(FlattestInterpolatorProblem problem, IDenseKernels kernels)
    {
        var n = problem.SampleCount;
        var phi = problem.Phi.Values;
        var live = Enumerable.Range(0, problem.NeuronCount)
            .Where(j => problem.Weights[j] > 0 && !ColumnIsZero(phi, n, j)).ToArray();
        var psi = new double[n * live.Length];
        for (var c = 0; c < live.Length; c++)
        {
            var j = live[c];
            var scale = Math.Pow(problem.Weights[j], -1 / problem.P);
            for (var i = 0; i < n; i++) psi[i + c * n] = phi[i + j * n] * scale;
        }
        return new ScaledProblem(problem, live, psi, n, problem.Labels, kernels);
    }

    /// <summary>The same columns and objective under the constraints Ψ' b = y' (Ψ' rows × M, column-major).</summary>
    public ScaledProblem WithRows(int rows, double[] psi, double[] y) => new(Source, Live, psi, rows, y, Kernels);

    /// <summary>The same rows and right-hand side on a subset of the columns (indices into the live columns):
    /// the constraints of a face of the p = 1 problem (<see cref="FaceCentering"/>).</summary>
    public ScaledProblem WithColumns(int[] columns)
    {
        var psi = new double[N * columns.Length];
        for (var c = 0; c < columns.Length; c++) Array.Copy(Psi, columns[c] * N, psi, c * N, N);
        return new(Source, columns.Select(c => Live[c]).ToArray(), psi, N, Y, Kernels);
    }

    /// <summary>Ψ v (length n) for v of length M.</summary>
    public double[] Apply(double[] v)
    {
        var r = new double[N];
        Kernels.MultiplyVector(false, N, M, Psi, v, r);
        return r;
    }

    /// <summary>Ψᵀ λ (length M).</summary>
    public double[] ApplyTranspose(double[] lambda)
    {
        var r = new double[M];
        Kernels.MultiplyVector(true, N, M, Psi, lambda, r);
        return r;
    }

    /// <summary>y − Ψ b.</summary>
    public double[] Residual(double[] b)
    {
        var r = Apply(b);
        for (var i = 0; i < N; i++) r[i] = Y[i] - r[i];
        return r;
    }

    /// <summary>The lower triangle of G = ΨΨᵀ (n × n), in a new array.</summary>
    public double[] Gram()
    {
        var g = new double[N * N];
        Kernels.SymmetricRankK(N, M, Psi, g);
        return g;
    }

    /// <summary>Overwrites <paramref name="target"/> (n × n) with the lower triangle of Ψ diag(d) Ψᵀ.</summary>
    public void WeightedGram(double[] d, double[] target)
    {
        _scaled ??= new double[Psi.Length];
        _columns = ScaleColumns(Psi, N, d, _scaled);
        Kernels.SymmetricRankK(N, _columns, _scaled, target);
    }

    /// <summary>Columns of <see cref="_scaled"/> in use: those whose weight is not negligible.</summary>
    private int _columns;

    /// <summary>
    /// Forms Ψ diag(d) Ψᵀ in <paramref name="target"/> and overwrites it with its Cholesky factor; when
    /// rounding makes it indefinite, re-forms it with a tiny diagonal shift (<see cref="SolverTolerances.FirstShift"/>).
    /// </summary>
    public bool FactorWeightedGram(double[] d, double[] target)
    {
        WeightedGram(d, target);
        if (Kernels.CholeskyFactor(N, target)) return true;
        for (var shift = SolverTolerances.FirstShift; shift <= SolverTolerances.LastShift; shift *= 100)
        {
            Kernels.SymmetricRankK(N, _columns, _scaled!, target);
            var maxDiag = 0.0;
            for (var i = 0; i < N; i++) maxDiag = Math.Max(maxDiag, target[i + i * N]);
            for (var i = 0; i < N; i++) target[i + i * N] += shift * maxDiag;
            if (Kernels.CholeskyFactor(N, target)) return true;
        }
        return false;
    }

    private double[]? _scaled;

    /// <summary>Drops the n × M copy that <see cref="WeightedGram"/> packs its columns into, once the iterations
    /// that need it are over, so what follows a solve does not hold it (docs/benchmarks.md#memory).</summary>
    public void ReleaseWorkspace() => _scaled = null;

    /// <summary>
    /// Packs source[:, c] · √d_c into the leading columns of target, vectorised (this copy is on the
    /// solvers' hot path), and returns how many. Columns with d_c below <see cref="SolverTolerances.NegligibleColumn"/> · max d contribute less
    /// than rounding to Ψ D Ψᵀ and are left out: late interior-point iterations, where most weights
    /// have collapsed, then form a much smaller product.
    /// </summary>
    internal static int ScaleColumns(double[] source, int rows, double[] d, double[] target)
    {
        var cut = SolverTolerances.NegligibleColumn * d.Max();
        var kept = 0;
        var width = System.Numerics.Vector<double>.Count;
        for (var c = 0; c < d.Length; c++)
        {
            if (!(d[c] > cut)) continue;
            var factor = Math.Sqrt(d[c]);
            var from = source.AsSpan(c * rows, rows);
            var to = target.AsSpan(kept * rows, rows);
            var i = 0;
            for (; i <= rows - width; i += width)
                (new System.Numerics.Vector<double>(from[i..]) * factor).CopyTo(to[i..]);
            for (; i < rows; i++) to[i] = from[i] * factor;
            kept++;
        }
        return kept;
    }

    /// <summary>a (length m of the original problem) from scaled b (length M).</summary>
    public double[] ToOuterWeights(double[] b)
    {
        var a = new double[Source.NeuronCount];
        for (var c = 0; c < M; c++)
        {
            var j = Live[c];
            a[j] = b[c] * Math.Pow(Source.Weights[j], -1 / P);
        }
        return a;
    }

    private static bool ColumnIsZero(double[] phi, int n, int j)
    {
        for (var i = 0; i < n; i++)
            if (phi[i + j * n] != 0) return false;
        return true;
    }
}
