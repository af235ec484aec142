using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Specs;
using FlatLab.InnerWeights;
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
/// A search for the flattest interpolator over (a, W) (docs/optimizers.md §6), from random directions,
/// from directions at a correlation ρ, from a trained network or from the perturbed Theorem 4 reference,
/// recording F_min and the population loss along its path, why it stopped, and its end against the
/// Theorem 1 lower bound and the reference.
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
        var reference = ReferenceInterpolator.Unsupported(model, panel.M, sigma) is null ? Reference(model, panel, sigma) : null;
        if (search.Start == "reference" && reference is null)
            return row with
            {
                Status = CaseStatus.Error,
                Message = $"search {search.Name}: no reference to start from: {ReferenceInterpolator.Unsupported(model, panel.M, sigma)}",
                SearchStatus = SearchStatus.StartFailure,
            };
        var start = search.Start switch
        {
            "rho" => RhoCase.Directions(panel, model, search.Rho, random),
            "trained" => TrainingCase.Replay(c, spec, search.From!, data, kernels).Inner,
            "reference" => Perturb(reference!.InnerWeights, search.Perturbation, random.Fork("perturbation")),
            _ => RandomDirections(panel.M, inputs.Dimension, random.Fork("weights")),
        };
        var settings = new FlattestSearchSpec
        {
            MaxIterations = search.MaxIterations,
            InitialAngle = search.InitialAngle,
            StationarityTolerance = search.StationarityTolerance,
            RelativeTolerance = search.RelativeTolerance,
            Window = search.Window,
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
            return row with
            {
                Status = result.LastStatus.ToCaseStatus(),
                Message = $"search {search.Name}: {result.Message}",
                SearchStatus = result.Status,
            };

        // The reference on the same inputs (bias column zero), when it interpolates the sample.
        var referenceFlatness = reference is null ? null : ReferenceFlatness.Compute(reference, inputs, sigma, kernels);
        var referenceLoss = referenceFlatness is { Interpolates: true }
            ? data.Loss(panel, spec, reference!.InnerWeights, reference.OuterWeights, kernels, random.Fork("population/reference")).Loss
            : double.NaN;
        var referenceFmin = referenceFlatness is { Interpolates: true } ? referenceFlatness.FlatnessMin : double.NaN;
        return row with
        {
            Status = CaseStatus.Solved,
            Message = $"search from {search.Start}: {result.Message}; F_min {result.Path[0].FlatnessMin:G4} -> {end.FlatnessMin:G4}.",
            FlatnessMin = end.FlatnessMin,
            Objective = end.Objective,
            LowerBound = end.LowerBound,
            FlatnessOverLowerBound = end.Objective / end.LowerBound,
            ReferenceFlatnessMin = referenceFmin,
            ReferencePopulationLoss = referenceLoss,
            FlatnessOverReference = end.FlatnessMin / referenceFmin,
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
            SearchStatus = result.Status,
            SearchStationarity = result.Stationarity,
            SearchRelativeDecrease = result.RelativeDecrease,
            Trajectory = points.ToArray(),
        };
    }

    /// <summary>The Theorem 4 reference with the network's inputs: its W gets a zero bias column when the network has biases.</summary>
    private static NetworkParameters Reference(DataModel model, PanelSpec panel, Activation sigma)
    {
        var reference = ReferenceInterpolator.Create(model, panel.M, sigma);
        return panel.Bias
            ? new NetworkParameters(reference.OuterWeights, BiasAugmentation.Join(reference.InnerWeights, new double[panel.M]))
            : reference;
    }

    /// <summary>Unit rows of W + (s / √d) Z with Z standard Gaussian: the copies of a reference direction fan out.</summary>
    private static DenseMatrix Perturb(MathNet.Numerics.LinearAlgebra.Matrix<double> w, double size, RandomSource random)
    {
        var d = w.ColumnCount;
        var perturbed = DenseMatrix.OfMatrix(w);
        for (var j = 0; j < w.RowCount; j++)
        {
            var noise = random.Fork($"neuron-{j}");
            for (var c = 0; c < d; c++) perturbed[j, c] += size / Math.Sqrt(d) * noise.NextGaussian();
        }
        return NeuronFeatures.UnitRows(perturbed);
    }

    private static DenseMatrix RandomDirections(int m, int d, RandomSource random)
    {
        var w = new DenseMatrix(m, d);
        for (var j = 0; j < m; j++) w.SetRow(j, random.Fork($"neuron-{j}").UnitVector(d));
        return w;
    }
}
