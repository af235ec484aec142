using FlatLab.Experiments.Results;
using FlatLab.Experiments.Specs;
using FlatLab.LinearAlgebra;
using FlatLab.Randomness;
using FlatLab.Training;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Experiments.Running;

/// <summary>
/// An optimizer run (docs/optimizers.md): train the panel's network on the panel's sample, measuring
/// F, F_min, the flattest interpolator for the learned directions, the alignment and the population
/// loss at the recorded steps; the row holds the end point, the trajectory every point.
/// </summary>
public sealed record TrainingCase : SweepCase
{
    /// <summary>The optimizer run.</summary>
    public required TrainingRunSpec Run { get; init; }

    public override CaseKind Kind => CaseKind.Train;

    public override string Variant => Run.Name;

    protected override string KeyLeaf => $"train-{Run.Name}";

    internal override CaseResult Compute(IDenseKernels kernels, CaseResult row)
    {
        var (model, sample) = CaseData.Draw(this);
        row = row with { LinkOffset = model.Offset };
        var sigma = Panel.Activation;
        var random = new RandomSource(CaseSeed);
        var settings = new TrainingDiagnosticsSettings
        {
            Solver = Solver.Settings(),
            FallbackSamples = Population.Samples,
        };
        var points = new List<TrajectoryPoint>();
        TrainingDiagnosticsResult? last = null;
        var training = Trainer.Train(sample, sigma, Run.ToTrainingSpec(Panel), random, kernels, (step, state) =>
        {
            last = TrainingDiagnostics.Measure(sample, model, state, sigma, kernels, random.Fork($"measure/{step}"), settings);
            points.Add(Point(step, last));
        }, width: Panel.M);

        var end = last!;
        // How close to the edge of stability the run ended: η λ_max(θ̃_end) / 2 in the coordinates it stepped in.
        var spec = Run.ToTrainingSpec(Panel);
        var objective = TrainingObjective.For(spec.Parameterization, Panel.M, sigma, kernels);
        var sharpness = training.State.IsFinite()
            ? Sharpness.Compute(sample.Features as DenseMatrix ?? DenseMatrix.OfMatrix(sample.Features), sample.Labels,
                objective.ToTrained(training.State), objective, random.Fork("sharpness-end"))
            : new SharpnessResult(double.NaN, SharpnessStatus.NonFinite, 0, double.NaN);
        // NaN, never an unconverged estimate; the message says why.
        var edge = training.LearningRate * sharpness.Eigenvalue / 2;
        return row.WithPopulationLoss(end.PopulationLoss) with
        {
            Status = training.Status.ToCaseStatus(),
            Message = $"{Run.Optimizer.Name()}: {training.Status.ToString().ToLowerInvariant()} after {training.Steps} steps, training loss {training.FinalLoss:G3}"
                + (training.InterpolationStep >= 0 ? $" (below the threshold {Run.LossTolerance:G3} at step {training.InterpolationStep})." : ".")
                + (sharpness.IsConverged ? "" : $" edge_ratio is NaN: {sharpness.Reason}."),
            FlatnessMin = end.FlatnessMin,
            Flatness = end.Flatness,
            FlattestFlatnessMin = end.FlattestFlatnessMin,
            FlattestPopulationLoss = end.FlattestPopulationLoss?.Loss ?? double.NaN,
            AlignmentMean = end.Alignment.Mean,
            AlignmentMedian = end.Alignment.Median,
            AlignmentWeighted = end.Alignment.WeightedMean,
            AlignmentRandom = end.Alignment.RandomMean,
            LossThreshold = Run.LossTolerance,
            EdgeRatio = edge,
            InterpolationStep = training.InterpolationStep,
            TrainSteps = training.Steps,
            TrainLoss = training.FinalLoss,
            LearningRate = training.LearningRate,
            Trajectory = points.ToArray(),
        };
    }

    /// <summary>Trains exactly as the case of <paramref name="run"/> on this panel and repetition did
    /// (same data, same seed), for a search that starts from the learned network.</summary>
    internal static NetworkState Replay(SweepCase c, TrainingRunSpec run, CaseData data, IDenseKernels kernels)
    {
        var twin = new TrainingCase
        {
            Run = run, Index = c.Index, Panel = c.Panel, Repetition = c.Repetition, SweepSeed = c.SweepSeed, Solver = c.Solver, Population = c.Population,
        };
        return Trainer.Train(data.Sample, c.Panel.Activation, run.ToTrainingSpec(c.Panel), new RandomSource(twin.CaseSeed), kernels, width: c.Panel.M).State;
    }

    private static TrajectoryPoint Point(int step, TrainingDiagnosticsResult d) => new(
        step, d.TrainingLoss, d.Flatness, d.FlatnessMin, d.FlattestFlatnessMin, d.Alignment.Mean,
        d.PopulationLoss?.Loss ?? double.NaN, d.FlattestPopulationLoss?.Loss ?? double.NaN);
}
