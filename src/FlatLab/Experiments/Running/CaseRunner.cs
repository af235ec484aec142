using System.Diagnostics;
using FlatLab.Data;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Specs;
using FlatLab.InnerWeights;
using FlatLab.LinearAlgebra;
using FlatLab.Networks;
using FlatLab.Population;
using FlatLab.Randomness;
using FlatLab.Solvers;

namespace FlatLab.Experiments.Running;

/// <summary>
/// Runs one case of the paper's experiment (MODEL §8): draw S, draw W at correlation ρ, solve for the
/// flattest interpolator, compute its population loss. Any failure becomes a row, never an exception.
/// </summary>
public static class CaseRunner
{
    public static CaseResult Run(SweepCase c, SweepSpec spec, IDenseKernels kernels)
    {
        var clock = Stopwatch.StartNew();
        var row = Describe(c, spec);
        try
        {
            var panel = c.Panel;
            var data = new RandomSource(c.DataSeed);
            var model = DataModelFactory.Create(panel.ToDataModelSpec(), data.Fork("model"));
            var sample = DataSampler.Sample(model, panel.N, data.Fork("sample"));
            var random = new RandomSource(c.CaseSeed);
            var w = CorrelatedWeights.Sample(model.Directions, panel.M, c.Rho, random.Fork("weights"));
            var sigma = panel.NetworkActivation;
            var features = NeuronFeatures.Compute(sample.Features, w, sigma, kernels);
            var (largest, smallest, _) = WeightDiagnostics.ExtremeSingularValues(features.Phi, kernels);
            row = row with
            {
                PhiCondition = smallest > 0 ? largest / smallest : double.PositiveInfinity,
                Separation = WeightDiagnostics.Separation(NeuronFeatures.UnitRows(w), kernels),
            };

            var problem = FlattestInterpolatorProblem.Create(features, sample.Labels, spec.Solver.Weighting);
            var solution = FlattestInterpolatorSolver.Solve(problem, spec.Solver.ToSettings() with { Kernels = kernels });
            row = row with
            {
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
            if (!solution.Status.HasSolution()) return row with { CaseSeconds = clock.Elapsed.TotalSeconds };

            var unit = NeuronFeatures.UnitRows(w);
            var loss = spec.Population.IsMonteCarlo
                ? PopulationLoss.MonteCarlo(model, unit, solution.OuterWeights, sigma, spec.Population.Samples, random.Fork("population"))
                : PopulationLoss.Compute(model, unit, solution.OuterWeights, sigma, random.Fork("population"), spec.Population.Samples);
            return row with
            {
                PopulationLoss = loss.Loss,
                PopulationLossMethod = MethodName(loss.Method),
                PopulationLossSe = loss.StandardError,
                ExcessLoss = loss.ExcessLoss,
                SignalPower = loss.SignalPower,
                NoiseVariance = loss.NoiseVariance,
                CaseSeconds = clock.Elapsed.TotalSeconds,
            };
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
        {
            return row with { Status = "error", Message = e.Message, CaseSeconds = clock.Elapsed.TotalSeconds };
        }
    }

    public static string MethodName(PopulationLossMethod method) => method switch
    {
        Population.PopulationLossMethod.Exact => "exact",
        Population.PopulationLossMethod.Quadrature => "quadrature",
        _ => "monte-carlo",
    };

    /// <summary>The row's parameters, before anything is computed.</summary>
    private static CaseResult Describe(SweepCase c, SweepSpec spec)
    {
        var panel = c.Panel;
        var sigma = panel.NetworkActivation;
        return new CaseResult
        {
            CaseKey = c.Key,
            CaseIndex = c.Index,
            CaseSeed = c.CaseSeed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            DataSeed = c.DataSeed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Repetition = c.Repetition,
            Panel = panel.Name,
            Figure = panel.Figure,
            Link = panel.Link,
            Activation = sigma.Name,
            LinkActivation = panel.TargetActivation.Name,
            InsideAssumption1 = sigma.InsideAssumption1,
            K = sigma.K,
            P = sigma.P,
            D = panel.D,
            N = panel.N,
            M = panel.M,
            R = panel.R,
            NoiseStd = panel.NoiseStd,
            Rho = c.Rho,
            Weights = spec.Solver.Weights,
            Status = "unsolved",
            Message = "",
        };
    }
}
