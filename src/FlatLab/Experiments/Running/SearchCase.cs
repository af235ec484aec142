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
public sealed record SearchCase : SweepCase
{
    public required SearchRunSpec Search { get; init; }
    /// <summary>The optimizer run whose learned network starts the search (start = trained); null otherwise.</summary>
    public TrainingRunSpec? StartRun { get; init; }

    public override CaseKind Kind => CaseKind.Search;

    public override string Variant => Search.Name;

    protected override string KeyLeaf => $"search-{Search.Name}";

    internal override CaseResult Compute(IDenseKernels kernels, CaseResult row)
    {
        var data = CaseData.Draw(this);
        var model = data.Model;
        row = row with { LinkOffset = model.Offset };
        var panel = Panel;
        var sigma = panel.Activation;
        var random = new RandomSource(CaseSeed);
        var inputs = data.NetworkInputs(panel);
        var reference = ReferenceInterpolator.Unsupported(model, panel.M, sigma) is null ? Reference(model, panel, sigma) : null;
        if (Search.Start == SearchStart.Reference && reference is null)
            return row with
            {
                Status = CaseStatus.Error,
                Message = $"search {Search.Name}: no reference to start from: {ReferenceInterpolator.Unsupported(model, panel.M, sigma)}",
                SearchStatus = SearchStatus.StartFailure,
            };
        var start = Search.Start switch
        {
            SearchStart.Rho => RhoCase.Directions(panel, model, Search.Rho, random),
            SearchStart.Trained => TrainingCase.Replay(this, StartRun!, data, kernels).Inner,
            SearchStart.Reference => Perturb(reference!.InnerWeights, Search.Perturbation, random.Fork("perturbation")),
            _ => RandomDirections(panel.M, inputs.Dimension, random.Fork("weights")),
        };
        var settings = Search.ToSearchSpec(Solver);
        var population = data.PopulationLoss(panel, Population);
        var points = new List<TrajectoryPoint>();
        PopulationLossResult? loss = null;
        double alignment = double.NaN, median = double.NaN;
        double biasShare = double.NaN;
        var result = FlattestSearch.Run(inputs, start, sigma, settings, kernels, step =>
        {
            loss = population.Compute(step.Directions, step.OuterWeights, sigma, kernels, random.Fork($"population/{step.Iteration}"));
            // Alignment concerns the weight part; with biases, (w_j, b_j) is split first.
            var weights = panel.Bias ? BiasAugmentation.Split(step.Directions).W : step.Directions;
            if (panel.Bias) biasShare = BiasAugmentation.Share(step.Directions, step.OuterWeights, sigma.K);
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
                Message = $"search {Search.Name}: {result.Message}",
                SearchStatus = result.Status,
            };

        // The reference on the same inputs (bias column zero), when it interpolates the sample; with noisy labels it does
        // not, and the noisy-label reference takes its place: the reference plus a block that fits the noise.
        var referenceFlatness = reference is null ? null : ReferenceFlatness.Compute(reference, inputs, sigma, kernels);
        if (referenceFlatness is { Interpolates: false } && NoisyReference(reference!, inputs, sigma, settings, kernels, random.Fork("noise-block")) is { } noisy)
            (reference, referenceFlatness) = (noisy, ReferenceFlatness.Compute(noisy, inputs, sigma, kernels));
        var referenceLoss = referenceFlatness is { Interpolates: true }
            ? population.Compute(reference!.InnerWeights, reference.OuterWeights, sigma, kernels, random.Fork("population/reference")).Loss
            : double.NaN;
        var referenceFmin = referenceFlatness is { Interpolates: true } ? referenceFlatness.FlatnessMin : double.NaN;
        return row.WithPopulationLoss(loss) with
        {
            Status = CaseStatus.Solved,
            Message = $"search from {Search.Start.Name()}: {result.Message}; F_min {result.Path[0].FlatnessMin:G4} -> {end.FlatnessMin:G4}.",
            FlatnessMin = end.FlatnessMin,
            Objective = end.Objective,
            LowerBound = end.LowerBound,
            FlatnessOverLowerBound = end.Objective / end.LowerBound,
            ReferenceFlatnessMin = referenceFmin,
            ReferencePopulationLoss = referenceLoss,
            FlatnessOverReference = end.FlatnessMin / referenceFmin,
            FlattestFlatnessMin = end.FlatnessMin,
            FlattestPopulationLoss = loss!.Loss,
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

    /// <summary>
    /// The noisy-label reference (docs/flattest/README.md): the Theorem 4 network, which fits the noiseless part of the labels,
    /// plus a block of m neurons with uniform random directions whose outer weights are the flattest interpolator of the
    /// residual y − f_ref(X) (the block of smallest Σ c_j |a_j|^p that fits the noise). Null when the block has no
    /// interpolator.
    /// </summary>
    private static NetworkParameters? NoisyReference(NetworkParameters reference, Dataset inputs, Activation sigma, FlattestSearchSpec settings,
        IDenseKernels kernels, RandomSource random)
    {
        var x = inputs.Features as DenseMatrix ?? DenseMatrix.OfMatrix(inputs.Features);
        var f = Flatness.HessianTrace.Predict(x, reference.OuterWeights, reference.InnerWeights, sigma, kernels);
        var residual = inputs.Labels.Select((y, i) => y - f[i]).ToArray();
        var block = RandomDirections(reference.Width, inputs.Dimension, random);
        var features = NeuronFeatures.Compute(x, block, sigma, kernels);
        var solution = FlattestInterpolatorSolver.Solve(FlattestInterpolatorProblem.Create(features, residual, settings.Weighting), kernels, settings.Solver);
        if (!solution.Status.HasSolution()) return null;
        var w = new DenseMatrix(2 * reference.Width, inputs.Dimension);
        w.SetSubMatrix(0, 0, DenseMatrix.OfMatrix(reference.InnerWeights));
        w.SetSubMatrix(reference.Width, 0, block);
        return new NetworkParameters(reference.OuterWeights.Concat(solution.OuterWeights).ToArray(), w);
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
