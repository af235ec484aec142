using System.Diagnostics;
using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.LinearAlgebra;
using FlatLab.Reporting.Io;
using FlatLab.Solving;

namespace FlatLab.Bench;

/// <summary>
/// The warm reference of bench/cold-start.sh: what <c>flatlab solve</c> does with its files (read X, y and W,
/// compute the features, solve, certify), repeated in one process. The first repetition pays the start-up
/// costs a new process pays (JIT, first touch of memory, BLAS threads); the best of the others is the warm
/// time a cold process is compared with.
/// </summary>
public static class WarmSolveBenchmark
{
    public static int Run(BenchOptions options, TextWriter output)
    {
        var files = options.Instance ?? throw new ArgumentException("warm-solve needs --instance DIR (X.csv, y.csv, W.csv).");
        var activation = ActivationParser.Parse(options.Activation);
        var kernels = DenseKernels.Default;
        var runs = new List<(double Read, double Solve)>();
        for (var r = 0; r <= options.Repeat; r++)
        {
            var clock = Stopwatch.StartNew();
            var x = MatrixFile.Read(Path.Combine(files, "X.csv"));
            var y = MatrixFile.ReadVector(Path.Combine(files, "y.csv"));
            var w = MatrixFile.Read(Path.Combine(files, "W.csv"));
            var read = clock.Elapsed.TotalSeconds;
            var spec = new InstanceSpec { Sample = new Dataset(x, y), InnerWeights = w, Activation = activation };
            var result = InstanceSolver.Solve(spec, kernels);
            runs.Add((read, clock.Elapsed.TotalSeconds - read));
            output.WriteLine(FormattableString.Invariant(
                $"run {r}: read {read:F3} s, features + solve {runs[^1].Solve:F3} s, total {clock.Elapsed.TotalSeconds:F3} s, {result.Solution.Status}"));
        }
        var warm = runs.Skip(1).MinBy(run => run.Read + run.Solve);
        output.WriteLine(FormattableString.Invariant(
            $"warm: read {warm.Read:F3} s, features + solve {warm.Solve:F3} s, total {warm.Read + warm.Solve:F3} s (best of runs 1-{options.Repeat})"));
        return 0;
    }
}
