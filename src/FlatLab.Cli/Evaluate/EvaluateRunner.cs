using System.Globalization;
using FlatLab.Cli.Solve;
using FlatLab.Evaluation;
using FlatLab.Experiments.Runs;
using FlatLab.LinearAlgebra;
using FlatLab.Population;
using FlatLab.Randomness;
using FlatLab.Reporting.Io;
using FlatLab.Solvers;

namespace FlatLab.Cli.Evaluate;

/// <summary>
/// Runs <c>flatlab evaluate</c>: reads a trained network (X, y, W, a), evaluates it with
/// <see cref="NetworkEvaluator"/> and writes <c>evaluation.json</c> and/or the <c>--json</c> object.
/// </summary>
internal static class EvaluateRunner
{
    public const string EvaluationFile = "evaluation.json";

    public static int Run(EvaluateSpec spec, CliStreams streams)
    {
        var x = SolveInputReader.Matrix("--features", spec.FeaturesPath);
        var y = SolveInputReader.Vector("--labels", spec.LabelsPath);
        var w = SolveInputReader.Matrix("--inner-weights", spec.InnerWeightsPath);
        var a = SolveInputReader.Vector("--outer-weights", spec.OuterWeightsPath);
        int n = x.RowCount, d = x.ColumnCount, m = w.RowCount;
        if (y.Length != n)
            throw new InputException($"--labels: {spec.LabelsPath} has {y.Length} labels but {spec.FeaturesPath} has n = {n} rows.");
        if (w.ColumnCount != d)
            throw new InputException($"--inner-weights: {spec.InnerWeightsPath} has {w.ColumnCount} columns but {spec.FeaturesPath} has d = {d}.");
        if (a.Length != m)
            throw new InputException($"--outer-weights: {spec.OuterWeightsPath} has {a.Length} values but {spec.InnerWeightsPath} has m = {m} rows (neurons).");
        for (var j = 0; j < m; j++)
            if (FlatLab.LinearAlgebra.RowNorms.Fault(w, j) is { } fault)
                throw new InputException($"--inner-weights: row {j + 1} of {spec.InnerWeightsPath} {fault}.");
        var model = spec.Model is null ? null : SolveInputReader.Model(spec.Model, d);

        var kernels = DenseKernels.Default;
        var evaluation = new NetworkEvaluationSpec
        {
            Features = x, Labels = y, InnerWeights = w, OuterWeights = a, Activation = spec.Activation,
            InterpolationTolerance = spec.InterpolationTolerance, Model = model, Random = new RandomSource(spec.Seed),
        };
        NetworkEvaluationResult result;
        try
        {
            result = NetworkEvaluator.Evaluate(evaluation, kernels);
        }
        catch (ArgumentException e)
        {
            throw new InputException(e.Message, e);
        }
        var json = EvaluationJsonWriter.ToJson(new EvaluationReport
        {
            Spec = evaluation, Result = result, Seed = spec.Seed, Kernels = kernels.Name, Version = FlatLabApp.Version,
        });
        if (spec.OutputDirectory is { } directory)
        {
            try
            {
                Directory.CreateDirectory(directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputException($"--out: cannot create directory {directory}: {e.Message}", e);
            }
            var path = Path.Combine(directory, EvaluationFile);
            RunFolderPaths.RefuseLink(path, directory);
            AtomicFileWriter.WriteAllText(path, json);
        }
        if (spec.JsonPath is { } target) MachineOutput.Write(target, json, streams);
        if (!MachineOutput.IsStandardOutput(spec.JsonPath)) Summarise(result, spec, streams.Out);
        return ExitCodes.Success;
    }

    private static void Summarise(NetworkEvaluationResult r, EvaluateSpec spec, TextWriter o)
    {
        string F(double v) => double.IsFinite(v) ? v.ToString("G6", CultureInfo.InvariantCulture) : "n/a";
        o.WriteLine($"training_loss = {F(r.Trace.EmpiricalLoss)}, max |f(x_i) - y_i| = {F(r.Trace.MaxAbsResidual)}, interpolates = {(r.Interpolates ? "yes" : "no")}");
        o.WriteLine($"hessian_trace = {F(r.Trace.Trace)}, orbit_flatness_min = {F(r.Orbit.FlatnessMin)}");
        if (r.Flattest is { } f && f.Status.HasSolution())
            o.WriteLine($"flattest_flatness_min = {F(f.FlatnessMin)}, flatness_ratio = {F(r.FlatnessRatio)}, trace_ratio = {F(r.TraceRatio)}");
        if (r.Note.Length > 0) o.WriteLine(r.Note);
        if (r.PopulationLoss is { } loss)
            o.WriteLine($"population_loss = {F(loss.Loss)} ({loss.Method.Name()}, se {F(loss.StandardError)})"
                + (r.FlattestPopulationLoss is { } fl ? $", flattest_population_loss = {F(fl.Loss)}" : ""));
        if (spec.OutputDirectory is { } dir) o.WriteLine($"wrote {Path.Combine(dir, EvaluationFile)}");
    }
}
