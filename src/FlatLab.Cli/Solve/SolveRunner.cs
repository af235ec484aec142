using System.Globalization;
using FlatLab.Experiments.Runs;
using FlatLab.InnerWeights;
using FlatLab.LinearAlgebra;
using FlatLab.Networks;
using FlatLab.Population;
using FlatLab.Randomness;
using FlatLab.Reporting.Io;
using FlatLab.Solvers;

namespace FlatLab.Cli.Solve;

/// <summary>
/// Runs <c>flatlab solve</c>: reads and checks the inputs, solves MODEL §5, computes the
/// population loss when a data model is given, and writes <c>outer_weights.csv</c> and then
/// <c>solution.json</c>, each atomically. Nothing is written before all input is known good.
/// </summary>
public static class SolveRunner
{
    public const string SolutionFile = "solution.json";
    public const string OuterWeightsFile = "outer_weights.csv";
    private const string OuterWeightsName = "outer_weights";
    private const string DualName = "dual";

    public static int Run(SolveSpec spec, CliStreams streams)
    {
        var inputs = SolveInputReader.Read(spec);
        // Refuse before the n × m features exist, not after minutes of work (exit 2, with estimate and limit).
        Commands.OptionParsing.CheckMemory(inputs.SampleCount, inputs.NeuronCount, inputs.Dimension, spec.MaxMemory, "this solve");
        var kernels = DenseKernels.Default;
        FlattestInterpolatorProblem problem;
        NeuronFeatures features;
        try
        {
            features = NeuronFeatures.Compute(inputs.Features, inputs.InnerWeights, spec.Activation, kernels);
            problem = FlattestInterpolatorProblem.Create(features, inputs.Labels, spec.Weighting);
        }
        catch (ArgumentException e)
        {
            throw new InputException(e.Message, e);
        }
        var settings = new SolverSettings { Point = spec.Point }.Validate();
        // The inputs are good: take --out for this process until both files are in place.
        using var output = spec.OutputDirectory is { } directory ? LockOutput(directory) : null;
        var result = FlattestInterpolatorSolver.Solve(problem, kernels, settings);
        var solved = result.Status.HasSolution();

        PopulationLossResult? loss = null, alternative = null;
        if (solved && inputs.Model is { } model)
        {
            // The solver's a belongs to unit-norm directions (NeuronFeatures scales the rows of W).
            var unit = NeuronFeatures.UnitRows(inputs.InnerWeights);
            var random = new RandomSource(spec.Seed);
            loss = PopulationLoss.Compute(model, unit, result.OuterWeights, spec.Activation, kernels, random.Fork("population-loss"));
            if (result.AlternativeWeights is { } other)
                alternative = PopulationLoss.Compute(model, unit, other, spec.Activation, kernels, random.Fork("population-loss-alternative"));
        }

        var (largest, smallest, _) = WeightDiagnostics.ExtremeSingularValues(features.Phi, kernels);
        var report = new SolutionReport
        {
            Separation = WeightDiagnostics.Separation(NeuronFeatures.UnitRows(inputs.InnerWeights), kernels),
            PhiCondition = smallest > 0 ? largest / smallest : double.PositiveInfinity,
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
            PopulationLoss = loss,
            PopulationLossAlternative = alternative,
        };
        if (spec.OutputDirectory is { } outDir) Write(outDir, report, spec.ArrayFormat);
        if (spec.JsonPath is { } json) MachineOutput.Write(json, SolutionJsonWriter.ToJson(report), streams);
        if (!MachineOutput.IsStandardOutput(spec.JsonPath)) Summarise(report, spec.OutputDirectory, streams.Out);
        return solved ? ExitCodes.Success : ExitCodes.NotSolved;
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
