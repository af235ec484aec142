using FlatLab.Data;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Specs;
using FlatLab.InnerWeights;
using FlatLab.LinearAlgebra;
using FlatLab.Networks;
using FlatLab.Population;
using FlatLab.Randomness;
using FlatLab.Solvers;
using FlatLab.Experiments.Analysis;
using MathNet.Numerics.LinearAlgebra.Double;

namespace FlatLab.Experiments.Running;

/// <summary>The paper's experiment (MODEL §8): W at correlation ρ, the flattest interpolator for it,
/// and its population loss.</summary>
internal static class RhoCase
{
    /// <summary>κ(Φ) = √(λ_max / λ_min) of ΦΦᵀ/n; ∞ when λ_min is zero to machine precision (n ≤ m here).</summary>
    private static double PhiCondition(CaseDiagnosticsResult theory, PanelSpec panel)
    {
        var zero = Math.Max(panel.N, panel.M) * FloatingPoint.UnitRoundoff * theory.LargestEigenvalue;
        return theory.SmallestEigenvalue > zero ? Math.Sqrt(theory.LargestEigenvalue / theory.SmallestEigenvalue) : double.PositiveInfinity;
    }

    /// <summary>
    /// Unit directions at correlation ρ with span(U) (MODEL §6); for a network with biases each gets a
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

    public static CaseResult Run(SweepCase c, SweepSpec spec, IDenseKernels kernels, CaseResult row)
    {
        var panel = c.Panel;
        var data = CaseData.Draw(c);
        var (model, sample) = data;
        var random = new RandomSource(c.CaseSeed);
        var w = Directions(panel, model, c.Rho, random);
        var sigma = panel.NetworkActivation;
        var inputs = data.NetworkInputs(panel);
        var features = NeuronFeatures.Compute(inputs.Features, w, sigma, kernels);
        var problem = FlattestInterpolatorProblem.Create(features, sample.Labels, spec.Solver.Weighting);
        var solution = FlattestInterpolatorSolver.Solve(problem, kernels, spec.Solver.ToSettings());
        var theory = CaseDiagnostics.Compute(features, solution, panel.D, kernels);
        // Noisy labels are never interpolated by the reference network (it computes g itself).
        var reference = panel.NoiseStd == 0 ? ReferenceFlatness.Compute(model, sample, sigma, panel.M, kernels) : null;
        row = row with
        {
            PhiCondition = PhiCondition(theory, panel),
            Separation = WeightDiagnostics.Separation(NeuronFeatures.UnitRows(w), kernels),
            FlatnessOverLowerBound = theory.FlatnessOverLowerBound,
            GramLargest = theory.LargestEigenvalue,
            GramSecond = theory.SecondEigenvalue,
            GramSmallest = theory.SmallestEigenvalue,
            GramSecondOverSmallest = theory.SecondOverSmallest,
            // The expectations of S_j and T_j are Gaussian, bias-free ones.
            SDeviationMax = panel.IsGaussianBiasFree ? theory.MaxSDeviation : double.NaN,
            TDeviationMax = panel.IsGaussianBiasFree ? theory.MaxTDeviation : double.NaN,
            BiasShare = panel.Bias ? BiasAugmentation.Share(w) : double.NaN,
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
        if (!solution.Status.HasSolution()) return row;

        var unit = NeuronFeatures.UnitRows(w); // the rows the solver's outer weights belong to
        var loss = data.Loss(panel, spec, unit, solution.OuterWeights, kernels, random.Fork("population"));
        return row with
        {
            PopulationLoss = loss.Loss,
            PopulationLossMethod = loss.Method.Name(),
            PopulationLossSe = loss.StandardError,
            ExcessLoss = loss.ExcessLoss,
            SignalPower = loss.SignalPower,
            NoiseVariance = loss.NoiseVariance,
        };
    }
}
