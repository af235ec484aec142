using FlatLab.Experiments.Results;
using FlatLab.Experiments.Specs;
using FlatLab.InnerWeights;
using FlatLab.LinearAlgebra;
using FlatLab.Networks;
using FlatLab.Population;
using FlatLab.Randomness;
using FlatLab.Solvers;
using FlatLab.Theory;

namespace FlatLab.Experiments.Running;

/// <summary>The paper's experiment (MODEL §8): W at correlation ρ, the flattest interpolator for it,
/// and its population loss.</summary>
internal static class RhoCase
{
    /// <summary>κ(Φ) = √(λ_max / λ_min) of ΦΦᵀ/n; ∞ when λ_min is zero to machine precision (n ≤ m here).</summary>
    private static double PhiCondition(CaseDiagnosticsResult theory, PanelSpec panel)
    {
        var zero = Math.Max(panel.N, panel.M) * 1.1102230246251565e-16 * theory.LargestEigenvalue;
        return theory.SmallestEigenvalue > zero ? Math.Sqrt(theory.LargestEigenvalue / theory.SmallestEigenvalue) : double.PositiveInfinity;
    }

    public static CaseResult Run(SweepCase c, SweepSpec spec, IDenseKernels kernels, CaseResult row)
    {
        var panel = c.Panel;
        var (model, sample) = CaseData.Draw(c);
        var random = new RandomSource(c.CaseSeed);
        var w = CorrelatedWeights.Sample(model.Directions, panel.M, c.Rho, random.Fork("weights"));
        var sigma = panel.NetworkActivation;
        var features = NeuronFeatures.Compute(sample.Features, w, sigma, kernels);
        var problem = FlattestInterpolatorProblem.Create(features, sample.Labels, spec.Solver.Weighting);
        var solution = FlattestInterpolatorSolver.Solve(problem, spec.Solver.ToSettings() with { Kernels = kernels });
        var theory = CaseDiagnostics.Compute(features, solution, panel.D, kernels);
        var reference = ReferenceFlatness.Compute(model, sample, sigma, panel.M, kernels);
        row = row with
        {
            PhiCondition = PhiCondition(theory, panel),
            Separation = WeightDiagnostics.Separation(NeuronFeatures.UnitRows(w), kernels),
            FlatnessOverLowerBound = theory.FlatnessOverLowerBound,
            GramLargest = theory.LargestEigenvalue,
            GramSecond = theory.SecondEigenvalue,
            GramSmallest = theory.SmallestEigenvalue,
            GramSecondOverSmallest = theory.SecondOverSmallest,
            SDeviationMax = theory.MaxSDeviation,
            TDeviationMax = theory.MaxTDeviation,
            ParticipationRatio = theory.ParticipationRatio,
            TopDecileShare = theory.TopDecileShare,
            ReferenceFlatnessMin = reference.Interpolates ? reference.FlatnessMin : double.NaN,

            Status = solution.Status.ToSnakeCase(),
            Message = solution.Message,
            FlatnessMin = solution.FlatnessMin,
            Objective = solution.Objective,
            UnitLpNorm = solution.UnitLpNorm,
            LowerBound = solution.LowerBound,
            DualObjective = solution.DualObjective,
            DualityGap = solution.DualityGap,
            PrimalResidual = solution.PrimalResidual,
            Iterations = solution.Iterations,
            SolveSeconds = solution.SolveSeconds,
            Support = solution.Support,
            OptimalPoint = solution.Point?.ToString().ToLowerInvariant() ?? "",
        };
        if (!solution.Status.HasSolution()) return row;


        var unit = NeuronFeatures.UnitRows(w); // the rows the solver's outer weights belong to
        var loss = spec.Population.IsMonteCarlo
            ? PopulationLoss.MonteCarlo(model, unit, solution.OuterWeights, sigma, spec.Population.Samples, random.Fork("population"))
            : PopulationLoss.Compute(model, unit, solution.OuterWeights, sigma, random.Fork("population"), spec.Population.Samples);
        return row with
        {
            PopulationLoss = loss.Loss,
            PopulationLossMethod = CaseData.MethodName(loss.Method),
            PopulationLossSe = loss.StandardError,
            ExcessLoss = loss.ExcessLoss,
            SignalPower = loss.SignalPower,
            NoiseVariance = loss.NoiseVariance,
        };
    }
}
