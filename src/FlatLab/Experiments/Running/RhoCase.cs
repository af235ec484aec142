using FlatLab.Data;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Specs;
using FlatLab.InnerWeights;
using FlatLab.LinearAlgebra;
using FlatLab.Networks;
using FlatLab.Randomness;
using FlatLab.Solvers;
using FlatLab.Experiments.Analysis;
using FlatLab.Solving;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Experiments.Running;

/// <summary>The paper's experiment (docs/model.md §8): W at correlation <see cref="SweepCase.Rho"/>, the flattest
/// interpolator for it, and its population loss.</summary>
public sealed record RhoCase : SweepCase
{
    /// <summary>The position of <see cref="SweepCase.Rho"/> in the sweep's ρ grid.</summary>
    public required int RhoIndex { get; init; }

    public override CaseKind Kind => CaseKind.Rho;

    protected override string KeyLeaf => $"rho{RhoIndex:00}";

    /// <summary>
    /// Unit directions at correlation ρ with span(U) (docs/model.md §6); for a network with biases each gets a
    /// bias b_j ~ N(0, 1) and (w_j, b_j) is then scaled to unit norm, so ρ is the correlation of w_j
    /// before its bias is added.
    /// </summary>
    internal static DenseMatrix Directions(PanelSpec panel, DataModel model, double rho, RandomSource random)
    {
        var w = CorrelatedWeights.Sample(model.Directions, panel.M, rho, random.Fork("weights"));
        if (!panel.Bias) return w;
        var bias = random.Fork("bias");
        return NeuronFeatures.UnitRows(BiasAugmentation.Join(w, Enumerable.Range(0, panel.M).Select(_ => bias.NextGaussian()).ToArray()));
    }

    internal override CaseResult Compute(IDenseKernels kernels, CaseResult row)
    {
        var panel = Panel;
        var data = CaseData.Draw(this);
        var (model, sample) = data;
        row = row with { LinkOffset = model.Offset };
        var random = new RandomSource(CaseSeed);
        var w = Directions(panel, model, Rho, random);
        var sigma = panel.Activation;
        var instance = InstanceSolver.Solve(new InstanceSpec
        {
            Sample = data.NetworkInputs(panel),
            InnerWeights = w,
            Activation = sigma,
            Weighting = Solver.Weights,
            Solver = Solver.Settings(),
            Population = data.PopulationLoss(panel, Population),
            PopulationRandom = random.Fork("population"),
        }, kernels);
        var solution = instance.Solution;
        var theory = CaseDiagnostics.Compute(instance.Features, solution, panel.D, kernels, instance.GramEigenvalues);
        // Noisy labels are never interpolated by the reference network (it computes g itself).
        var reference = panel.NoiseStd == 0 ? ReferenceFlatness.Compute(model, sample, sigma, panel.M, kernels) : null;
        return row.WithPopulationLoss(instance.PopulationLoss) with
        {
            PhiCondition = instance.PhiCondition,
            Separation = instance.Separation,
            FlatnessOverLowerBound = theory.FlatnessOverLowerBound,
            GramLargest = theory.LargestEigenvalue,
            GramSecond = theory.SecondEigenvalue,
            GramSmallest = theory.SmallestEigenvalue,
            GramSecondOverSmallest = theory.SecondOverSmallest,
            // The expectations of S_j and T_j are Gaussian, bias-free ones.
            SDeviationMax = panel.IsGaussianBiasFree ? theory.MaxSDeviation : double.NaN,
            TDeviationMax = panel.IsGaussianBiasFree ? theory.MaxTDeviation : double.NaN,
            BiasShare = panel.Bias && solution.Status.HasSolution() ? BiasAugmentation.Share(w, solution.OuterWeights, sigma.K) : double.NaN,
            ParticipationRatio = theory.ParticipationRatio,
            TopDecileShare = theory.TopDecileShare,
            ReferenceFlatnessMin = reference is { Interpolates: true } ? reference.FlatnessMin : double.NaN,

            Status = solution.Status.ToCaseStatus(),
            Message = solution.Message,
            FlatnessMin = solution.FlatnessMin,
            Objective = solution.Objective,
            UnitLpNorm = solution.UnitLpNorm,
            LowerBound = solution.LowerBound,
            DualObjective = solution.DualObjective,
            DualityGap = solution.DualityGap,
            PrimalResidual = solution.PrimalResidual,
            PhiRank = solution.PhiRank,
            OutsideRangeNorm = solution.OutsideRangeNorm,
            Iterations = solution.Iterations,
            SolveSeconds = solution.SolveSeconds,
            Support = solution.Support,
            OptimalPoint = solution.Point?.ToString().ToLowerInvariant() ?? "",
        };
    }
}
