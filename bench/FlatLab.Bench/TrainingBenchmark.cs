using System.Diagnostics;
using System.Globalization;
using System.Text;
using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.LinearAlgebra;
using FlatLab.Randomness;
using FlatLab.Search;
using FlatLab.Training;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Bench;

/// <summary>
/// The cost of the optimizers of docs/optimizers.md: training steps per second of GD, SGD, SAM and
/// ASAM (ReLU network, single-index data, m = 2n, d = n/4), and the time per iteration of the
/// flattest-interpolator search over (a, W) from random directions.
/// </summary>
public static class TrainingBenchmark
{
    /// <summary>Sample sizes for the training steps and for the search when --sizes is not given.</summary>
    public static readonly int[] DefaultTrainingSizes = [1000];
    public static readonly int[] DefaultSearchSizes = [500, 1000, 2000];

    private const int TimedSteps = 20;
    private const int Repetitions = 3;
    private const int WarmUpSteps = 2;
    private const int SearchIterations = 5;
    private const double NoiseStd = 0.1;

    private sealed record StepRow(int N, int M, int D, string Optimizer, int Steps, double Seconds, string Note);

    private sealed record EvaluationRow(int N, int M, int D, double GradientSeconds, double LossSeconds, double PredictSeconds);

    private sealed record SearchRow(int N, int M, int D, int Iterations, int Solves, double Seconds, double FirstSolveSeconds,
        double StartFlatness, double EndFlatness, string Stop);

    public static int Run(BenchOptions options, TextWriter output)
    {
        var machine = MachineInfo.Capture();
        var started = DateTime.UtcNow;
        var custom = !options.Sizes.SequenceEqual(new BenchOptions().Sizes);
        var trainingSizes = custom ? options.Sizes : DefaultTrainingSizes;
        var searchSizes = custom ? options.Sizes : DefaultSearchSizes;
        var sigma = ActivationParser.Parse("relu");
        var kernels = DenseKernels.Default;

        var steps = new List<StepRow>();
        var evaluations = new List<EvaluationRow>();
        foreach (var n in trainingSizes.Order())
        {
            var data = Instance(n, sigma, options.Seed);
            evaluations.Add(TimeEvaluations(data, sigma, options.Seed, kernels));
            // A stable step for every optimizer: half the edge of stability at the common start.
            var start = NetworkInitializer.Draw(2 * n, data.Dimension, 1.0, StepStream(options.Seed).Fork("init"));
            var sharpness = Sharpness.Compute((DenseMatrix)data.Features, data.Labels, start, sigma, StepStream(options.Seed).Fork("sharpness"), kernels);
            if (!sharpness.IsConverged) throw new InvalidOperationException($"The benchmark's step size needs λ_max at the start: {sharpness.Reason}.");
            var learningRate = 0.5 * 2 / sharpness.Eigenvalue;
            foreach (var (kind, note) in new[]
                     {
                         (OptimizerKind.GradientDescent, "full batch"),
                         (OptimizerKind.Sgd, "batch 32; the full training loss is still evaluated after every step"),
                         (OptimizerKind.Sam, "radius 0.05: two gradients per step"),
                         (OptimizerKind.Asam, "radius 0.05, eta 0.01"),
                     })
            {
                // Best of the repetitions: other work on the shared machine only ever slows a run down.
                var row = Enumerable.Range(0, Repetitions).Select(_ => TimeSteps(data, sigma, kind, note, start, learningRate, options.Seed, kernels))
                    .MinBy(r => r.Seconds / Math.Max(r.Steps, 1))!;
                steps.Add(row);
                Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] n={n} {kind.Name()}: {row.Seconds / row.Steps * 1000:F1} ms/step");
            }
        }

        var searches = new List<SearchRow>();
        foreach (var n in searchSizes.Order())
        {
            var row = TimeSearch(n, sigma, options.Seed);
            searches.Add(row);
            Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] n={n} search: {row.Seconds / Math.Max(1, row.Iterations):F2} s/iteration, {row.Solves} solves");
        }

        var markdown = Document(machine, started, MachineInfo.LoadAverage(), options, evaluations, steps, searches);
        output.WriteLine();
        output.Write(markdown);
        Directory.CreateDirectory(options.OutputDirectory);
        var path = Path.Combine(options.OutputDirectory, $"training-{started:yyyyMMdd-HHmm}.md");
        File.WriteAllText(path, markdown);
        output.WriteLine($"Written {path}");
        return 0;
    }

    /// <summary>x ~ N(0, I_d), y = relu(u·x) + 0.1 ε, d = n/4; the seed is derived from the benchmark seed and n.</summary>
    private static Dataset Instance(int n, Activation sigma, ulong seed)
    {
        var random = new RandomSource(RandomSource.DeriveSeed(seed, $"training;n={n}"));
        var model = DataModelFactory.Create(new DataModelSpec(n / 4, 1, LinkKind.SingleIndex, sigma, NoiseStd: NoiseStd), random.Fork("model"));
        var data = DataSampler.Sample(model, n, random.Fork("sample"));
        return data with { Features = DenseMatrix.OfMatrix(data.Features) };
    }

    /// <summary>Seconds for <see cref="TimedSteps"/> steps after <see cref="WarmUpSteps"/> warm-up steps, read from the
    /// trainer's per-step record callback; the callback's copy of the state is timed apart and subtracted.</summary>
    private static RandomSource StepStream(ulong seed) => new(RandomSource.DeriveSeed(seed, "training-steps"));

    private static StepRow TimeSteps(Dataset data, Activation sigma, OptimizerKind kind, string note, NetworkState start,
        double learningRate, ulong seed, IDenseKernels kernels)
    {
        var m = start.Width;
        var spec = new TrainingSpec
        {
            Optimizer = kind, LearningRate = learningRate, LossTolerance = 1e-300, MaxSteps = WarmUpSteps + TimedSteps, RecordEvery = 1,
        };
        var random = StepStream(seed).Fork(kind.Name());
        var clock = new Stopwatch();
        var stamps = new List<(int Step, double Seconds)>();
        clock.Start();
        var result = Trainer.Train(data, sigma, spec, random, kernels, (step, _) => stamps.Add((step, clock.Elapsed.TotalSeconds)), start);
        var from = stamps.First(s => s.Step == WarmUpSteps);
        var to = stamps.Last(s => s.Step > WarmUpSteps);
        var copy = Stopwatch.StartNew();
        for (var i = 0; i < TimedSteps; i++) _ = start.Clone();
        var copySeconds = copy.Elapsed.TotalSeconds / TimedSteps;
        var timed = to.Step - from.Step;
        var seconds = Math.Max(to.Seconds - from.Seconds - timed * copySeconds, 0);
        var status = result.Status == TrainingStatus.Diverged ? "; diverged" : "";
        return new StepRow(data.Count, m, data.Dimension, kind.Name(), timed, seconds, note + status);
    }

    /// <summary>The parts of a step, best of the repetitions: a full-batch gradient (which also returns the loss), the
    /// trainer's loss evaluation after a step, and a forward pass alone (one product X Wᵀ), the least a loss needs.</summary>
    private static EvaluationRow TimeEvaluations(Dataset data, Activation sigma, ulong seed, IDenseKernels kernels)
    {
        var m = 2 * data.Count;
        var x = (DenseMatrix)data.Features;
        var theta = NetworkInitializer.Draw(m, data.Dimension, 1.0, new RandomSource(RandomSource.DeriveSeed(seed, "evaluations")));
        var gradient = NetworkState.Zero(m, data.Dimension);
        double Best(Action action) => Enumerable.Range(0, Repetitions + 1).Select(_ =>
        {
            var clock = Stopwatch.StartNew();
            action();
            return clock.Elapsed.TotalSeconds;
        }).Skip(1).Min(); // the first run warms up
        return new EvaluationRow(data.Count, m, data.Dimension,
            Best(() => NetworkGradient.Compute(x, data.Labels, theta, sigma, gradient, kernels)),
            Best(() => NetworkGradient.Loss(x, data.Labels, theta, sigma, kernels)),
            Best(() => Flatness.HessianTrace.Predict(x, theta.Outer, theta.Inner, sigma, kernels)));
    }

    private static SearchRow TimeSearch(int n, Activation sigma, ulong seed)
    {
        var data = Instance(n, sigma, seed);
        var m = 2 * n;
        var random = new RandomSource(RandomSource.DeriveSeed(seed, $"search;n={n}"));
        var w = new DenseMatrix(m, data.Dimension);
        random.FillGaussian(w.Values);
        var spec = new FlattestSearchSpec { MaxIterations = SearchIterations };
        var clock = Stopwatch.StartNew();
        var firstSolve = double.NaN;
        var result = FlattestSearch.Run(data, w, sigma, spec, DenseKernels.Default, step =>
        {
            if (step.Iteration == 0) firstSolve = clock.Elapsed.TotalSeconds;
        });
        var seconds = clock.Elapsed.TotalSeconds;
        if (result.Path.Count == 0)
            return new SearchRow(n, m, data.Dimension, 0, 1, seconds, seconds, double.NaN, double.NaN, result.StatusName);
        var last = result.Path[^1];
        return new SearchRow(n, m, data.Dimension, last.Iteration, last.Solves, seconds - firstSolve, firstSolve,
            result.Path[0].FlatnessMin, last.FlatnessMin, result.StatusName);
    }

    private static string Document(MachineInfo machine, DateTime started, string loadAfter, BenchOptions options,
        IReadOnlyList<EvaluationRow> evaluations, IReadOnlyList<StepRow> steps, IReadOnlyList<SearchRow> searches)
    {
        var text = new StringBuilder();
        text.AppendLine($"# Optimizer benchmark, {started:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        foreach (var line in machine.MarkdownLines()) text.AppendLine(line);
        text.AppendLine($"- Load average (1, 5, 15 min) before: {machine.Load}; after: {loadAfter}");
        text.AppendLine($"- Seed {options.Seed.ToString(CultureInfo.InvariantCulture)}; ReLU network, single-index ReLU data with noise 0.1, m = 2n, d = n/4");
        text.AppendLine();
        text.AppendLine($"The parts of a step (best of {Repetitions}, ms):");
        text.AppendLine();
        text.AppendLine("| n | m | d | full-batch gradient | loss as the trainer evaluates it | forward pass alone |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var e in evaluations)
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {e.N} | {e.M} | {e.D} | {e.GradientSeconds * 1000:0.0} | {e.LossSeconds * 1000:0.0} | {e.PredictSeconds * 1000:0.0} |"));
        text.AppendLine();
        text.AppendLine("Training steps (time of a step, its full-sample loss included; the mean over " +
                        $"{TimedSteps} steps after {WarmUpSteps} warm-up steps, best of {Repetitions} runs; " +
                        "step size 0.5 · 2/λ_max at the common start):");
        text.AppendLine();
        text.AppendLine("| n | m | d | optimizer | ms per step | steps per second | note |");
        text.AppendLine("|---:|---:|---:|---|---:|---:|---|");
        foreach (var r in steps)
        {
            var perStep = r.Steps > 0 ? r.Seconds / r.Steps : double.NaN;
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.N} | {r.M} | {r.D} | {r.Optimizer} | {perStep * 1000:0.0} | {1 / perStep:0.00} | {r.Note} |"));
        }
        text.AppendLine();
        text.AppendLine($"Flattest-interpolator search over (a, W) from Gaussian directions, exact weights, at most {SearchIterations} " +
                        "iterations (an iteration: the envelope gradient, then one solve per trial step of the line search):");
        text.AppendLine();
        text.AppendLine("| n | m | d | first solve s | iterations | solves after the first | s per iteration | s per solve | F_min start | F_min end | stop |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in searches)
        {
            var later = r.Solves - 1;
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.N} | {r.M} | {r.D} | {r.FirstSolveSeconds:0.00} | {r.Iterations} | {later} | " +
                $"{(r.Iterations > 0 ? r.Seconds / r.Iterations : double.NaN):0.00} | {(later > 0 ? r.Seconds / later : double.NaN):0.00} | " +
                $"{r.StartFlatness:G6} | {r.EndFlatness:G6} | {r.Stop} |"));
        }
        return text.ToString();
    }
}
