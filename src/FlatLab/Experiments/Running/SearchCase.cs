using FlatLab.Experiments.Results;
using FlatLab.Experiments.Specs;
using FlatLab.LinearAlgebra;
using FlatLab.Population;
using FlatLab.Networks;
using FlatLab.Randomness;
using FlatLab.Search;
using FlatLab.Solvers;
using FlatLab.Training;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Experiments.Running;

/// <summary>
/// A search for the flattest interpolator over (a, W) (docs/optimizers.md), from random directions,
/// from directions at a correlation ρ or from a trained network, recording F_min and the population
/// loss along its path.
/// </summary>
internal static class SearchCase
{
    public static CaseResult Run(SweepCase c, SweepSpec spec, IDenseKernels kernels, CaseResult row)
    {
        var search = spec.Searches.Single(s => s.Name == c.Variant);
        var data = CaseData.Draw(c);
        var model = data.Model;
        var panel = c.Panel;
        var sigma = panel.NetworkActivation;
        var random = new RandomSource(c.CaseSeed);
        var inputs = data.NetworkInputs(panel);
        var start = search.Start switch
        {
            "rho" => RhoCase.Directions(panel, model, search.Rho, random),
            "trained" => TrainingCase.Replay(c, spec, search.From!, data, kernels).Inner,
            _ => RandomDirections(panel.M, inputs.Dimension, random.Fork("weights")),
        };
        var settings = new FlattestSearchSpec
        {
            MaxIterations = search.MaxIterations,
            InitialAngle = search.InitialAngle,
            Weighting = spec.Solver.Weighting,
            Solver = spec.Solver.ToSettings(),
        };
        var points = new List<TrajectoryPoint>();
        PopulationLossResult? loss = null;
        double alignment = double.NaN, median = double.NaN;
        double biasShare = double.NaN;
        var result = FlattestSearch.Run(inputs, start, sigma, settings, kernels, step =>
        {
            loss = data.Loss(panel, spec, step.Directions, step.OuterWeights, kernels, random.Fork($"population/{step.Iteration}"));
            // Alignment concerns the weight part; with biases, (w_j, b_j) is split first.
            var weights = panel.Bias ? BiasAugmentation.Split(step.Directions).W : step.Directions;
            if (panel.Bias) biasShare = BiasAugmentation.Share(step.Directions);
            var aligned = Alignment.Compute(model.Directions, weights, step.OuterWeights, sigma);
            (alignment, median) = (aligned.Mean, aligned.Median);
            points.Add(new TrajectoryPoint(step.Iteration, 0, double.NaN, step.FlatnessMin, step.FlatnessMin, aligned.Mean, loss.Loss, loss.Loss)
            {
                BiasShare = biasShare,
            });
        });
        if (result.Best is not { } end)
            return row with { Status = result.LastStatus.ToCaseStatus(), Message = $"search {search.Name}: {result.Stop}" };

        return row with
        {
            Status = CaseStatus.Solved,
            Message = $"search from {search.Start}: {result.Path.Count - 1} accepted steps, stopped by {result.Stop}; F_min {result.Path[0].FlatnessMin:G4} -> {end.FlatnessMin:G4}.",
            FlatnessMin = end.FlatnessMin,
            Objective = end.Objective,
            FlattestFlatnessMin = end.FlatnessMin,
            PopulationLoss = loss!.Loss,
            PopulationLossMethod = loss.Method.Name(),
            PopulationLossSe = loss.StandardError,
            ExcessLoss = loss.ExcessLoss,
            SignalPower = loss.SignalPower,
            NoiseVariance = loss.NoiseVariance,
            FlattestPopulationLoss = loss.Loss,
            AlignmentMean = alignment,
            AlignmentMedian = median,
            BiasShare = biasShare,
            TrainSteps = end.Iteration,
            Iterations = end.Solves,
            Trajectory = points.ToArray(),
        };
    }

    private static DenseMatrix RandomDirections(int m, int d, RandomSource random)
    {
        var w = new DenseMatrix(m, d);
        for (var j = 0; j < m; j++) w.SetRow(j, random.Fork($"neuron-{j}").UnitVector(d));
        return w;
    }
}
