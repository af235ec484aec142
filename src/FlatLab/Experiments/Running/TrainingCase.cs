using FlatLab.Experiments.Results;
using FlatLab.Experiments.Specs;
using FlatLab.LinearAlgebra;
using FlatLab.Population;
using FlatLab.Randomness;
using FlatLab.Training;

namespace FlatLab.Experiments.Running;

/// <summary>
/// An optimizer run (docs/optimizers.md): train the panel's network on the panel's sample, measuring
/// F, F_min, the flattest interpolator for the learned directions, the alignment and the population
/// loss at the recorded steps; the row holds the end point, the trajectory every point.
/// </summary>
internal static class TrainingCase
{
    public static CaseResult Run(SweepCase c, SweepSpec spec, IDenseKernels kernels, CaseResult row)
    {
        var run = spec.Optimizers.Single(o => o.Name == c.Variant);
        var (model, sample) = CaseData.Draw(c);
        var sigma = c.Panel.NetworkActivation;
        var random = new RandomSource(c.CaseSeed);
        var settings = new TrainingDiagnosticsSettings
        {
            Solver = spec.Solver.ToSettings(),
            FallbackSamples = spec.Population.Samples,
        };
        var points = new List<TrajectoryPoint>();
        TrainingDiagnosticsResult? last = null;
        var training = Trainer.Train(sample, sigma, run.ToTrainingSpec(), random, kernels, (step, state) =>
        {
            last = TrainingDiagnostics.Measure(sample, model, state, sigma, kernels, random.Fork($"measure/{step}"), settings);
            points.Add(Point(step, last));
        }, width: c.Panel.M);

        var end = last!;
        return row with
        {
            Status = training.Status.ToCaseStatus(),
            Message = $"{run.Optimizer}: {training.Status.ToString().ToLowerInvariant()} after {training.Steps} steps, training loss {training.FinalLoss:G3}.",
            FlatnessMin = end.FlatnessMin,
            Flatness = end.Flatness,
            FlattestFlatnessMin = end.FlattestFlatnessMin,
            FlattestPopulationLoss = end.FlattestPopulationLoss?.Loss ?? double.NaN,
            AlignmentMean = end.Alignment.Mean,
            AlignmentMedian = end.Alignment.Median,
            PopulationLoss = end.PopulationLoss?.Loss ?? double.NaN,
            PopulationLossMethod = end.PopulationLoss is { } p ? p.Method.Name() : "",
            PopulationLossSe = end.PopulationLoss?.StandardError ?? double.NaN,
            ExcessLoss = end.PopulationLoss?.ExcessLoss ?? double.NaN,
            SignalPower = end.PopulationLoss?.SignalPower ?? double.NaN,
            NoiseVariance = end.PopulationLoss?.NoiseVariance ?? double.NaN,
            TrainSteps = training.Steps,
            TrainLoss = training.FinalLoss,
            LearningRate = training.LearningRate,
            Trajectory = points.ToArray(),
        };
    }

    /// <summary>Trains exactly as the run named <paramref name="optimizer"/> of this panel and repetition did.</summary>
    public static NetworkState Replay(SweepCase c, SweepSpec spec, string optimizer, CaseData data, IDenseKernels kernels)
    {
        var run = spec.Optimizers.Single(o => o.Name == optimizer);
        return Trainer.Train(data.Sample, c.Panel.NetworkActivation, run.ToTrainingSpec(), new RandomSource(c.TrainingSeed(optimizer)),
            kernels, width: c.Panel.M).State;
    }

    private static TrajectoryPoint Point(int step, TrainingDiagnosticsResult d) => new(
        step, d.TrainingLoss, d.Flatness, d.FlatnessMin, d.FlattestFlatnessMin, d.Alignment.Mean,
        d.PopulationLoss?.Loss ?? double.NaN, d.FlattestPopulationLoss?.Loss ?? double.NaN);
}
