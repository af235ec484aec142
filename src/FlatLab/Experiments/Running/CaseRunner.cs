using System.Diagnostics;
using FlatLab.Data;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Specs;
using FlatLab.LinearAlgebra;

namespace FlatLab.Experiments.Running;

/// <summary>
/// Runs one case of a sweep (a ρ case, an optimizer run or a search). Any failure becomes a row with
/// its status and message, never an exception.
/// </summary>
public static class CaseRunner
{
    public static CaseResult Run(SweepCase c, IDenseKernels kernels)
    {
        var clock = Stopwatch.StartNew();
        var row = Describe(c);
        try
        {
            row = c.Compute(kernels, row);
            return row with { CaseSeconds = clock.Elapsed.TotalSeconds };
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
        {
            return row with { Status = CaseStatus.Error, Message = e.Message, CaseSeconds = clock.Elapsed.TotalSeconds };
        }
    }

    /// <summary>The row's parameters, before anything is computed.</summary>
    internal static CaseResult Describe(SweepCase c)
    {
        var panel = c.Panel;
        var sigma = panel.Activation;
        return new CaseResult
        {
            CaseKey = c.Key,
            CaseIndex = c.Index,
            CaseSeed = c.CaseSeed,
            DataSeed = c.DataSeed,
            Repetition = c.Repetition,
            Panel = panel.Name,
            BasePanel = panel.BaseName,
            GridCell = panel.GridCell,
            Figure = panel.Figure,
            Link = panel.Link.Name,
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
            // A drawn offset is known once the case draws its data model.
            LinkOffset = panel.LinkOffsetDistribution == LinkOffsetDistribution.Fixed ? panel.LinkOffset : double.NaN,
            Rho = c.Rho,
            Kind = c.Kind,
            Variant = c.Variant,
            Weights = c.Solver.Weights.Name(),
            Status = CaseStatus.Unsolved,
            Message = "",
        };
    }
}
