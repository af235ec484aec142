using FlatLab.LinearAlgebra;

namespace FlatLab.Solvers;

/// <summary>
/// The problem in scaled coordinates (MODEL §5): Ψ = Φ diag(c^{−1/p}) over the live neurons,
/// b = c^{1/p} a, so the objective is Σ_j |b_j|^p. Dead neurons (c_j = 0 or a zero column) are
/// dropped here and get a_j = 0.
/// </summary>
internal sealed class ScaledProblem
{
    private ScaledProblem(FlattestInterpolatorProblem problem, int[] live, double[] psi, IDenseKernels kernels)
    {
        Source = problem;
        Live = live;
        Psi = psi;
        Kernels = kernels;
    }

    public FlattestInterpolatorProblem Source { get; }
    /// <summary>Original column index of each live column.</summary>
    public int[] Live { get; }
    /// <summary>Ψ, n × Live.Length, column-major.</summary>
    public double[] Psi { get; }
    public IDenseKernels Kernels { get; }
    public int N => Source.SampleCount;
    public int M => Live.Length;
    public double[] Y => Source.Labels;
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
        return new ScaledProblem(problem, live, psi, kernels);
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

    /// <summary>The lower triangle of Ψ diag(d) Ψᵀ (n × n).</summary>
    public double[] WeightedGram(double[] d, double[] scratch)
    {
        for (var c = 0; c < M; c++)
        {
            var s = Math.Sqrt(d[c]);
            var offset = c * N;
            for (var i = 0; i < N; i++) scratch[offset + i] = Psi[offset + i] * s;
        }
        var g = new double[N * N];
        Kernels.SymmetricRankK(N, M, scratch, g);
        return g;
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
