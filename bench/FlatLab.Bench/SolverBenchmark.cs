using System.Diagnostics;
using System.Globalization;
using FlatLab.LinearAlgebra;
using FlatLab.Activations;
using FlatLab.Networks;
using FlatLab.Randomness;
using FlatLab.Solvers;

namespace FlatLab.Bench;

/// <summary>
/// FlatLab's flattest-interpolator solver side by side with OR-Tools GLOP (p = 1) and the Python
/// peers on the same instances: wall time of the solve only (Φ and c are computed beforehand for
/// every method), iterations, objective and its relative difference to FlatLab's.
/// </summary>
public static class SolverBenchmark
{
    private const int FlatLabRepetitions = 3;

    /// <summary>A solve estimated above this many seconds runs once instead of three times.</summary>
    private const double SlowSeconds = 5;

    private static readonly (string Activation, string[] PeerMethods)[] Cases =
    [
        ("relu", ["highs", "highs-ipm", "cvxopt"]),
        ("quadratic", ["cvxopt", "newton"]),
    ];

    public static int Run(BenchOptions options, TextWriter output)
    {
        var machine = MachineInfo.Capture();
        var started = DateTime.UtcNow;
        var peer = new PythonPeer(options.Python, options.PeerScript);
        var peerProblem = peer.CheckAvailable();
        if (peerProblem is not null)
            output.WriteLine($"Note: the Python peers are skipped: {peerProblem}. Install python3-numpy python3-scipy python3-cvxopt.");
        var folder = Path.Combine(Path.GetTempPath(), $"flatlab-bench-{Environment.ProcessId}");
        var rows = new List<BenchRow>();
        // Previous (n, seconds) per method, for the n³ estimate that decides skips and repetitions.
        var previous = new Dictionary<string, (int N, double Seconds)>();
        WarmUp(options.Seed);
        try
        {
            foreach (var n in options.Sizes.Order())
                foreach (var (name, peerMethods) in Cases)
                foreach (var duplicates in new[] { 0, n / 10 })
                {
                    var instance = BenchInstance.Create(n, ActivationParser.Parse(name), options.Seed);
                    if (duplicates > 0) instance = instance.WithDuplicatedSamples(duplicates);
                    var features = NeuronFeatures.Compute(instance.X, instance.W, instance.Activation, DenseKernels.Default);
                    var problem = FlattestInterpolatorProblem.Create(features, instance.Y, OuterWeighting.Exact);
                    var flatlab = RunFlatLab(instance, problem);
                    Report(rows, flatlab);
                    if (problem.P == 1)
                        Report(rows, RunGlop(instance, problem, flatlab, previous, options.GlopBudgetSeconds));
                    if (peerProblem is not null) continue;
                    var files = PythonPeer.WriteInstance(instance, Path.Combine(folder, $"{name}-{n}-{duplicates}"));
                    foreach (var method in peerMethods)
                        Report(rows, RunPeer(peer, files, instance, method, flatlab, previous, options.PeerBudgetSeconds));
                }
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }

        var loadAfter = MachineInfo.LoadAverage();
        var markdown = Document(machine, started, loadAfter, options, rows, peerProblem);
        output.WriteLine();
        output.Write(markdown);
        Directory.CreateDirectory(options.OutputDirectory);
        var stem = Path.Combine(options.OutputDirectory, $"solver-{started:yyyyMMdd-HHmm}");
        File.WriteAllText(stem + ".md", markdown);
        File.WriteAllText(stem + ".csv", ResultTable.Csv(rows));
        output.WriteLine($"Written {stem}.md and {stem}.csv");
        return 0;

        void Report(List<BenchRow> list, BenchRow row)
        {
            list.Add(row);
            Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] n={row.N} {row.Activation} {row.Method}: " +
                                    $"{row.Seconds.ToString("G4", CultureInfo.InvariantCulture)} s, {row.Status}");
        }
    }

    /// <summary>Solves a small instance of each case 40 times, untimed, so that the timed solves
    /// run optimised code rather than the runtime's first, quickly compiled tier.</summary>
    private static void WarmUp(ulong seed)
    {
        foreach (var (name, _) in Cases)
        {
            var instance = BenchInstance.Create(100, ActivationParser.Parse(name), RandomSource.DeriveSeed(seed, "warm-up"));
            var features = NeuronFeatures.Compute(instance.X, instance.W, instance.Activation, DenseKernels.Default);
            var problem = FlattestInterpolatorProblem.Create(features, instance.Y, OuterWeighting.Exact);
            for (var r = 0; r < 40; r++) FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default);
        }
        // Tier-1 recompilation of methods called 30 times happens on a background thread.
        Thread.Sleep(TimeSpan.FromSeconds(1));
    }

    private static BenchRow RunFlatLab(BenchInstance instance, FlattestInterpolatorProblem problem)
    {
        FlattestInterpolatorResult? result = null;
        var best = double.PositiveInfinity;
        for (var r = 0; r < FlatLabRepetitions; r++)
        {
            var clock = Stopwatch.StartNew();
            result = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        var note = $"best of {FlatLabRepetitions}; {result!.Method}; residual {Sci(result.PrimalResidual)}; " +
                   $"gap {Sci(result.DualityGap)}";
        if (!result.Status.HasSolution()) note += $"; {result.Message}";
        return Row(instance, "FlatLab", best, best, result.Iterations, result.Objective, result.Objective,
            result.Status.ToSnakeCase(), note);
    }

    private static BenchRow RunGlop(BenchInstance instance, FlattestInterpolatorProblem problem, BenchRow flatlab,
        Dictionary<string, (int N, double Seconds)> previous, double budget)
    {
        const string method = "OR-Tools GLOP";
        var estimate = Estimate(previous, $"{method}/{instance.Duplicates > 0}", instance.N);
        if (estimate > budget)
            return Skipped(instance, method, estimate, budget);
        var result = GlopBaseline.Solve(problem, budget);
        previous[$"{method}/{instance.Duplicates > 0}"] = (instance.N, result.Seconds);
        var note = $"once; dual simplex; model build {result.BuildSeconds:F1} s (not timed); residual {Sci(result.Residual)}";
        return Row(instance, method, result.Seconds, flatlab.Seconds, (int)result.Iterations, result.Objective,
            flatlab.Objective, result.Status, note);
    }

    private static BenchRow RunPeer(PythonPeer peer, (string X, string Y, string W) files, BenchInstance instance,
        string method, BenchRow flatlab, Dictionary<string, (int N, double Seconds)> previous, double budget)
    {
        var key = $"{instance.Activation.Name}/{method}/{instance.Duplicates > 0}";
        var label = $"Python {method}";
        var estimate = Estimate(previous, key, instance.N);
        if (estimate > budget)
            return Skipped(instance, label, estimate, budget);
        var reps = estimate > SlowSeconds ? 1 : 3;
        // The n³ estimate can be optimistic (simplex iterations grow with n too): a peer still running at
        // 1.5 × the budget (plus start-up and CSV reading) is stopped.
        var timeout = TimeSpan.FromSeconds(1.5 * budget + 30);
        var result = peer.Solve(files, instance.Activation.Name, method, reps, timeout);
        if (!double.IsNaN(result.Seconds)) previous[key] = (instance.N, result.Seconds);
        var note = double.IsNaN(result.Seconds)
            ? result.Error
            : $"{(result.Repetitions == 1 ? "once" : $"best of {result.Repetitions}")}; residual {Sci(result.Residual)}";
        return Row(instance, label, result.Seconds, flatlab.Seconds, null, result.Objective, flatlab.Objective,
            result.Status, note);
    }

    /// <summary>Time at size n from the previous size by the n³ cost of dense factorisations
    /// (simplex and interior-point methods on dense Φ grow at least this fast).</summary>
    private static double Estimate(Dictionary<string, (int N, double Seconds)> previous, string key, int n) =>
        previous.TryGetValue(key, out var p) ? p.Seconds * Math.Pow((double)n / p.N, 3) : 0;

    private static BenchRow Skipped(BenchInstance instance, string method, double estimate, double budget) =>
        Row(instance, method, double.NaN, double.NaN, null, double.NaN, double.NaN,
            $"skipped (est. {estimate:F0} s)", $"n³ estimate from the previous size exceeds {budget:F0} s");

    private static BenchRow Row(BenchInstance instance, string method, double seconds, double flatlabSeconds,
        int? iterations, double objective, double flatlabObjective, string status, string note) =>
        new(instance.N, instance.M, instance.D, instance.Rank, instance.Activation.Name, instance.Activation.P, method,
            seconds, seconds / flatlabSeconds, iterations, objective,
            Math.Abs(objective - flatlabObjective) / Math.Abs(flatlabObjective), status, note);

    private static string Sci(double v) => double.IsNaN(v) ? "n/a" : v.ToString("0.0e+0", CultureInfo.InvariantCulture);

    private static string Document(MachineInfo machine, DateTime started, string loadAfter, BenchOptions options,
        IReadOnlyList<BenchRow> rows, string? peerProblem)
    {
        List<string> lines =
        [
            $"# Solver benchmark, {started:yyyy-MM-dd HH:mm} UTC",
            "",
            .. machine.MarkdownLines(),
            $"- Load average (1, 5, 15 min) before: {machine.Load}; after: {loadAfter}",
            $"- Seed {options.Seed}; m = 2n, d = n/4, y = sigma(u.x) + {BenchInstance.NoiseStd} eps, |w_j.u| = {BenchInstance.Correlation}, exact weights c_j",
            "- rank < n: the same instance with its last n/10 samples replaced by copies of its first n/10 (consistent, rank n - n/10)",
            "- Wall time of the solve only (features Phi and weights c excluded for every method); ratio = method time / FlatLab time",
        ];
        if (peerProblem is not null) lines.Add($"- Python peers skipped: {peerProblem}");
        lines.Add("");
        return string.Join(Environment.NewLine, lines) + Environment.NewLine + ResultTable.Markdown(rows);
    }
}
