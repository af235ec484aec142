using System.Diagnostics;
using System.Globalization;
using System.Text;
using FlatLab.LinearAlgebra;
using FlatLab.Data;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Specs;
using FlatLab.InnerWeights;
using FlatLab.Networks;
using FlatLab.Population;
using FlatLab.Randomness;
using FlatLab.Solvers;

namespace FlatLab.Bench;

/// <summary>
/// The experiment system's costs, side by side in one run: the wall time of the whole `paper` preset
/// and its time per case by panel; and per panel, the exact population loss against Monte Carlo on
/// 10⁵ fresh samples (the paper's method) for the same network: time, value, and agreement in
/// standard errors.
/// </summary>
public static class SweepBenchmark
{
    private const int MonteCarloSamples = 100_000;
    private const double Rho = 0.2;

    public static int Run(BenchOptions options, TextWriter output)
    {
        var machine = MachineInfo.Capture();
        var text = new StringBuilder();
        text.AppendLine("## The paper preset and the population loss");
        text.AppendLine();
        foreach (var line in machine.MarkdownLines()) text.AppendLine(line);
        text.AppendLine($"- Load average before: {machine.Load}");
        text.AppendLine();

        var spec = SweepPresets.Get("paper");
        var folder = Directory.CreateTempSubdirectory("flatlab-bench-sweep").FullName;
        try
        {
            var result = SweepRunner.Run(spec, folder, new SweepRunSettings { Kernels = DenseKernels.Default });
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"`paper` preset: {result.Rows.Count} cases on {Environment.ProcessorCount} threads, wall {result.Elapsed.TotalSeconds:F1} s, {result.Failed} not solved."));
            text.AppendLine();
            text.AppendLine("| panel | cases | mean case s | mean solve s | median case s | population loss |");
            text.AppendLine("|---|---:|---:|---:|---:|---|");
            foreach (var g in result.Rows.GroupBy(r => r.Panel))
            {
                var seconds = g.Select(r => r.CaseSeconds).Order().ToArray();
                text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {g.Key} | {g.Count()} | {g.Average(r => r.CaseSeconds):F3} | {g.Where(r => double.IsFinite(r.SolveSeconds)).Average(r => r.SolveSeconds):F3} | {seconds[seconds.Length / 2]:F3} | {string.Join(", ", g.Select(r => r.PopulationLossMethod).Where(m => m != "").Distinct())} |"));
            }
            text.AppendLine();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        text.AppendLine($"Population loss of one flattest interpolator per panel (ρ = {Rho}): exact (closed form; Monte Carlo");
        text.AppendLine($"with a control variate for the quadratic-feature link) against plain Monte Carlo on {MonteCarloSamples:N0} fresh samples.");
        text.AppendLine();
        text.AppendLine("| panel | exact s | exact value | method | MC s | MC value | MC SE | (MC − exact)/SE | time ratio MC/exact |");
        text.AppendLine("|---|---:|---:|---|---:|---:|---:|---:|---:|");
        foreach (var panel in spec.Panels)
        {
            var random = new RandomSource(options.Seed).Fork(panel.Name);
            var model = DataModelFactory.Create(panel.ToDataModelSpec(), random.Fork("model"));
            var sample = DataSampler.Sample(model, panel.N, random.Fork("sample"));
            var w = CorrelatedWeights.Sample(model.Directions, panel.M, Rho, random.Fork("weights"));
            var sigma = panel.Activation;
            var solution = FlattestInterpolatorSolver.Solve(
                FlattestInterpolatorProblem.Create(NeuronFeatures.Compute(sample.Features, w, sigma, DenseKernels.Default), sample.Labels, OuterWeighting.Exact), DenseKernels.Default);
            if (!solution.Status.HasSolution())
            {
                text.AppendLine($"| {panel.Name} | not solved: {solution.Message} | | | | | | | |");
                continue;
            }
            var clock = Stopwatch.StartNew();
            var exact = PopulationLoss.Compute(model, w, solution.OuterWeights, sigma, DenseKernels.Default, random.Fork("exact"), MonteCarloSamples);
            var exactSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var mc = PopulationLoss.MonteCarlo(model, w, solution.OuterWeights, sigma, DenseKernels.Default, MonteCarloSamples, random.Fork("monte-carlo"));
            var mcSeconds = clock.Elapsed.TotalSeconds;
            var z = (mc.Loss - exact.Loss) / Math.Sqrt(mc.StandardError * mc.StandardError + exact.StandardError * exact.StandardError);
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {panel.Name} | {exactSeconds:F4} | {exact.Loss:G6} | {exact.Method.ToString().ToLowerInvariant()} | {mcSeconds:F3} | {mc.Loss:G6} | {mc.StandardError:G3} | {z:F2} | {mcSeconds / exactSeconds:F0} |"));
        }
        text.AppendLine();
        text.AppendLine($"- Load average after: {MachineInfo.LoadAverage()}");

        var report = text.ToString();
        output.Write(report);
        Directory.CreateDirectory(options.OutputDirectory);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(options.OutputDirectory, $"sweep-{stamp}.md"), report);
        return 0;
    }
}
