using System.Globalization;
using FlatLab.Data;
using FlatLab.Experiments.Runs;
using FlatLab.LinearAlgebra;
using FlatLab.Population;
using FlatLab.Randomness;
using FlatLab.Reporting.Io;
using FlatLab.Solvers;
using FlatLab.Solving;

namespace FlatLab.Cli.Solve;

/// <summary>
/// Runs <c>flatlab solve</c>: reads and checks the inputs, solves them with <see cref="InstanceSolver"/>
/// (docs/model.md §5, and the population loss when a data model is given), and writes <c>outer_weights.csv</c> and then
/// <c>solution.json</c>, each atomically. Nothing is written before all input is known good.
/// </summary>
internal static class SolveRunner
{
    public const string SolutionFile = "solution.json";
    public const string OuterWeightsFile = "outer_weights.csv";
    private const string OuterWeightsName = "outer_weights";
    private const string DualName = "dual";

    public static int Run(SolveSpec spec, CliStreams streams)
    {
        var progress = SolveProgressView.For(spec.Progress, streams, spec.JsonPath is not null);
        progress?.Report(new SolverProgress("reading inputs"));
        var inputs = SolveInputReader.Read(spec);
        // Refuse before the n × m features exist, not after minutes of work (exit 2, with estimate and limit).
        Commands.OptionParsing.CheckMemory(inputs.SampleCount, inputs.NeuronCount, inputs.Dimension, spec.MaxMemory, "this solve");
        var kernels = DenseKernels.Default;
        var random = new RandomSource(spec.Seed);
        var instance = new InstanceSpec
        {
            Sample = new Dataset(inputs.Features, inputs.Labels),
            InnerWeights = inputs.InnerWeights,
            Activation = spec.Activation,
            Weighting = spec.Weighting,
            Solver = new SolverSettings { Point = spec.Point },
            Population = inputs.Model is { } model ? new PopulationLossSpec { Model = model } : null,
            PopulationRandom = random.Fork("population-loss"),
            AlternativeRandom = random.Fork("population-loss-alternative"),
        };
        InstanceProblem problem;
        try
        {
            progress?.Report(new SolverProgress($"features (n = {inputs.SampleCount}, m = {inputs.NeuronCount}, d = {inputs.Dimension})"));
            problem = InstanceSolver.Prepare(instance, kernels);
        }
        catch (ArgumentException e)
        {
            throw new InputException(e.Message, e);
        }
        // The inputs are good: take --out for this process until both files are in place.
        using var output = spec.OutputDirectory is { } directory ? LockOutput(directory) : null;
        var solved = InstanceSolver.Solve(problem, kernels, progress);
        progress?.Report(new SolverProgress("writing"));
        var result = solved.Solution;
        var report = new SolutionReport
        {
            Separation = solved.Separation,
            PhiCondition = solved.PhiCondition,
            Result = result,
            SampleCount = inputs.SampleCount,
            NeuronCount = inputs.NeuronCount,
            Dimension = inputs.Dimension,
            Activation = spec.Activation,
            Weighting = spec.Weighting,
            Kernels = kernels.Name,
            Version = FlatLabApp.Version,
            Seed = spec.Seed,
            Model = inputs.Model,
            PopulationLoss = solved.PopulationLoss,
            PopulationLossAlternative = solved.PopulationLossAlternative,
        };
        if (spec.OutputDirectory is { } outDir) Write(outDir, report, spec.ArrayFormat);
        if (spec.JsonPath is { } json) MachineOutput.Write(json, SolutionJsonWriter.ToJson(report), streams);
        if (!MachineOutput.IsStandardOutput(spec.JsonPath)) Summarise(report, spec.OutputDirectory, streams.Out);
        return result.Status.HasSolution() ? ExitCodes.Success : ExitCodes.NotSolved;
    }

    /// <summary>Creates --out and takes its lock; a second solve into it is refused (exit 2) rather than mixing its files with ours.</summary>
    private static RunFolderLock LockOutput(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"--out: cannot create directory {directory}: {e.Message}", e);
        }
        var held = RunFolderLock.Acquire(directory);
        try
        {
            RunFolderPaths.RemoveTemporaryFiles(directory);
            return held;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes the files to temporary names, then renames them into place under the lock:
    /// solution.json is removed first and renamed last, so whenever it exists, the outer weights and dual
    /// vector next to it (or their absence, for a run that did not solve) are of the same run. The
    /// vectors of the other format, left by an earlier run, are removed for the same reason.
    /// </summary>
    private static void Write(string directory, SolutionReport report, ArrayFormat format)
    {
        var solutionPath = Path.Combine(directory, SolutionFile);
        var solved = report.Result.Status.HasSolution();
        var vectors = new (string Name, double[] Values)[] { (OuterWeightsName, report.Result.OuterWeights), (DualName, report.Result.Dual) };
        var stale = vectors.SelectMany(v => Enum.GetValues<ArrayFormat>().Select(f => Path.Combine(directory, FileName(v.Name, f)))).ToList();
        RunFolderPaths.RefuseLink(solutionPath, directory);
        foreach (var path in stale) RunFolderPaths.RefuseLink(path, directory);
        var written = vectors.Select(v => (Path: Path.Combine(directory, FileName(v.Name, format)), v.Values))
            .Select(v => (v.Path, Temp: TemporaryName(v.Path), v.Values)).ToList();
        var solutionTemp = TemporaryName(solutionPath);
        try
        {
            if (solved)
                foreach (var (_, temp, values) in written)
                {
                    if (format == ArrayFormat.Npy) NpyMatrixWriter.WriteVectorFile(temp, values);
                    else CsvMatrixWriter.WriteVectorFile(temp, values, CsvMatrixWriter.RoundTripFormat);
                }
            SolutionJsonWriter.WriteFile(solutionTemp, report);
            File.Delete(solutionPath);
            // A stale file from an earlier run (of either format) would pair with this run's status.
            foreach (var path in stale) File.Delete(path);
            if (solved)
                foreach (var (path, temp, _) in written) File.Move(temp, path, overwrite: true);
            File.Move(solutionTemp, solutionPath, overwrite: true);
        }
        finally
        {
            foreach (var (_, temp, _) in written) File.Delete(temp);
            File.Delete(solutionTemp);
        }
    }

    private static string FileName(string name, ArrayFormat format) => name + (format == ArrayFormat.Npy ? ".npy" : ".csv");

    private static string TemporaryName(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");

    private static void Summarise(SolutionReport report, string? directory, TextWriter o)
    {
        var r = report.Result;
        string F(double v) => double.IsFinite(v) ? v.ToString("G6", CultureInfo.InvariantCulture) : "n/a";
        o.WriteLine($"status: {r.Status.ToSnakeCase()} ({r.Message})");
        o.WriteLine($"n = {report.SampleCount}, m = {report.NeuronCount}, d = {report.Dimension}, activation = {report.Activation.Name}, p = {F(r.P)}");
        if (r.Status.HasSolution())
        {
            o.WriteLine($"objective = {F(r.Objective)}, flatness_min = {F(r.FlatnessMin)}, lower_bound = {F(r.LowerBound)}, duality_gap = {F(r.DualityGap)}");
            o.WriteLine($"support = {r.Support}, primal_residual = {F(r.PrimalResidual)}, method = {r.Method}, iterations = {r.Iterations}, {F(r.SolveSeconds)} s");
        }
        if (report.PopulationLoss is { } loss)
            o.WriteLine($"population_loss = {F(loss.Loss)} ({loss.Method.Name()}, se {F(loss.StandardError)}), excess_loss = {F(loss.ExcessLoss)}");
        if (report.PopulationLossAlternative is { } alt)
            o.WriteLine($"population_loss_alternative = {F(alt.Loss)}");
        if (directory is not null) o.WriteLine($"wrote {Path.Combine(directory, SolutionFile)}");
    }
}
