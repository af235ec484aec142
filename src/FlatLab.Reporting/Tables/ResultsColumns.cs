using System.Text.Json;
using FlatLab.Experiments.Results;

namespace FlatLab.Reporting.Tables;

/// <summary>
/// The columns of results.csv and results.parquet, in their stable order (that of
/// <see cref="CaseResult"/>'s properties, as docs/results-schema.md lists them). The names are the
/// snake_case names of the case store's JSON, so a table column and a store field always agree.
/// </summary>
public static class ResultsColumns
{
    public static readonly IReadOnlyList<ResultsColumn> All =
    [
        Str(nameof(CaseResult.CaseKey), r => r.CaseKey, (r, v) => r with { CaseKey = v }),
        Int(nameof(CaseResult.CaseIndex), r => r.CaseIndex, (r, v) => r with { CaseIndex = v }),
        Str(nameof(CaseResult.CaseSeed), r => r.CaseSeed, (r, v) => r with { CaseSeed = v }),
        Str(nameof(CaseResult.DataSeed), r => r.DataSeed, (r, v) => r with { DataSeed = v }),
        Int(nameof(CaseResult.Repetition), r => r.Repetition, (r, v) => r with { Repetition = v }),
        Str(nameof(CaseResult.Panel), r => r.Panel, (r, v) => r with { Panel = v }),
        Str(nameof(CaseResult.Figure), r => r.Figure, (r, v) => r with { Figure = v }),
        Str(nameof(CaseResult.Link), r => r.Link, (r, v) => r with { Link = v }),
        Str(nameof(CaseResult.Activation), r => r.Activation, (r, v) => r with { Activation = v }),
        Str(nameof(CaseResult.LinkActivation), r => r.LinkActivation, (r, v) => r with { LinkActivation = v }),
        Bool(nameof(CaseResult.InsideAssumption1), r => r.InsideAssumption1, (r, v) => r with { InsideAssumption1 = v }),
        Int(nameof(CaseResult.K), r => r.K, (r, v) => r with { K = v }),
        Dbl(nameof(CaseResult.P), r => r.P, (r, v) => r with { P = v }),
        Int(nameof(CaseResult.D), r => r.D, (r, v) => r with { D = v }),
        Int(nameof(CaseResult.N), r => r.N, (r, v) => r with { N = v }),
        Int(nameof(CaseResult.M), r => r.M, (r, v) => r with { M = v }),
        Int(nameof(CaseResult.R), r => r.R, (r, v) => r with { R = v }),
        Dbl(nameof(CaseResult.NoiseStd), r => r.NoiseStd, (r, v) => r with { NoiseStd = v }),
        Dbl(nameof(CaseResult.Rho), r => r.Rho, (r, v) => r with { Rho = v }),
        Str(nameof(CaseResult.Kind), r => r.Kind, (r, v) => r with { Kind = v }),
        Str(nameof(CaseResult.Variant), r => r.Variant, (r, v) => r with { Variant = v }),
        Str(nameof(CaseResult.Weights), r => r.Weights, (r, v) => r with { Weights = v }),
        Str(nameof(CaseResult.Status), r => r.Status, (r, v) => r with { Status = v }),
        Str(nameof(CaseResult.Message), r => r.Message, (r, v) => r with { Message = v }),
        Dbl(nameof(CaseResult.FlatnessMin), r => r.FlatnessMin, (r, v) => r with { FlatnessMin = v }),
        Dbl(nameof(CaseResult.Objective), r => r.Objective, (r, v) => r with { Objective = v }),
        Dbl(nameof(CaseResult.UnitLpNorm), r => r.UnitLpNorm, (r, v) => r with { UnitLpNorm = v }),
        Dbl(nameof(CaseResult.LowerBound), r => r.LowerBound, (r, v) => r with { LowerBound = v }),
        Dbl(nameof(CaseResult.DualObjective), r => r.DualObjective, (r, v) => r with { DualObjective = v }),
        Dbl(nameof(CaseResult.DualityGap), r => r.DualityGap, (r, v) => r with { DualityGap = v }),
        Dbl(nameof(CaseResult.PrimalResidual), r => r.PrimalResidual, (r, v) => r with { PrimalResidual = v }),
        Int(nameof(CaseResult.Iterations), r => r.Iterations, (r, v) => r with { Iterations = v }),
        Dbl(nameof(CaseResult.SolveSeconds), r => r.SolveSeconds, (r, v) => r with { SolveSeconds = v }),
        Int(nameof(CaseResult.Support), r => r.Support, (r, v) => r with { Support = v }),
        Str(nameof(CaseResult.OptimalPoint), r => r.OptimalPoint, (r, v) => r with { OptimalPoint = v }),
        Dbl(nameof(CaseResult.PopulationLoss), r => r.PopulationLoss, (r, v) => r with { PopulationLoss = v }),
        Str(nameof(CaseResult.PopulationLossMethod), r => r.PopulationLossMethod, (r, v) => r with { PopulationLossMethod = v }),
        Dbl(nameof(CaseResult.PopulationLossSe), r => r.PopulationLossSe, (r, v) => r with { PopulationLossSe = v }),
        Dbl(nameof(CaseResult.ExcessLoss), r => r.ExcessLoss, (r, v) => r with { ExcessLoss = v }),
        Dbl(nameof(CaseResult.SignalPower), r => r.SignalPower, (r, v) => r with { SignalPower = v }),
        Dbl(nameof(CaseResult.NoiseVariance), r => r.NoiseVariance, (r, v) => r with { NoiseVariance = v }),
        Dbl(nameof(CaseResult.PhiCondition), r => r.PhiCondition, (r, v) => r with { PhiCondition = v }),
        Dbl(nameof(CaseResult.Separation), r => r.Separation, (r, v) => r with { Separation = v }),
        Dbl(nameof(CaseResult.CaseSeconds), r => r.CaseSeconds, (r, v) => r with { CaseSeconds = v }),
        Dbl(nameof(CaseResult.FlatnessOverLowerBound), r => r.FlatnessOverLowerBound, (r, v) => r with { FlatnessOverLowerBound = v }),
        Dbl(nameof(CaseResult.GramLargest), r => r.GramLargest, (r, v) => r with { GramLargest = v }),
        Dbl(nameof(CaseResult.GramSecond), r => r.GramSecond, (r, v) => r with { GramSecond = v }),
        Dbl(nameof(CaseResult.GramSmallest), r => r.GramSmallest, (r, v) => r with { GramSmallest = v }),
        Dbl(nameof(CaseResult.GramSecondOverSmallest), r => r.GramSecondOverSmallest, (r, v) => r with { GramSecondOverSmallest = v }),
        Dbl(nameof(CaseResult.SDeviationMax), r => r.SDeviationMax, (r, v) => r with { SDeviationMax = v }),
        Dbl(nameof(CaseResult.TDeviationMax), r => r.TDeviationMax, (r, v) => r with { TDeviationMax = v }),
        Dbl(nameof(CaseResult.ParticipationRatio), r => r.ParticipationRatio, (r, v) => r with { ParticipationRatio = v }),
        Dbl(nameof(CaseResult.TopDecileShare), r => r.TopDecileShare, (r, v) => r with { TopDecileShare = v }),
        Dbl(nameof(CaseResult.ReferenceFlatnessMin), r => r.ReferenceFlatnessMin, (r, v) => r with { ReferenceFlatnessMin = v }),
        Dbl(nameof(CaseResult.BiasShare), r => r.BiasShare, (r, v) => r with { BiasShare = v }),
        Int(nameof(CaseResult.TrainSteps), r => r.TrainSteps, (r, v) => r with { TrainSteps = v }),
        Dbl(nameof(CaseResult.TrainLoss), r => r.TrainLoss, (r, v) => r with { TrainLoss = v }),
        Dbl(nameof(CaseResult.LearningRate), r => r.LearningRate, (r, v) => r with { LearningRate = v }),
        Dbl(nameof(CaseResult.Flatness), r => r.Flatness, (r, v) => r with { Flatness = v }),
        Dbl(nameof(CaseResult.FlattestFlatnessMin), r => r.FlattestFlatnessMin, (r, v) => r with { FlattestFlatnessMin = v }),
        Dbl(nameof(CaseResult.FlattestPopulationLoss), r => r.FlattestPopulationLoss, (r, v) => r with { FlattestPopulationLoss = v }),
        Dbl(nameof(CaseResult.AlignmentMean), r => r.AlignmentMean, (r, v) => r with { AlignmentMean = v }),
        Dbl(nameof(CaseResult.AlignmentMedian), r => r.AlignmentMedian, (r, v) => r with { AlignmentMedian = v }),
    ];

    /// <summary>A row whose every column is then set by the reader.</summary>
    internal static CaseResult Blank() => new()
    {
        CaseKey = "", CaseIndex = 0, CaseSeed = "", DataSeed = "", Repetition = 0, Panel = "", Figure = "", Link = "",
        Activation = "", LinkActivation = "", InsideAssumption1 = false, K = 0, P = double.NaN, D = 0, N = 0, M = 0, R = 0,
        NoiseStd = double.NaN, Rho = double.NaN, Weights = "", Status = "", Message = "",
    };

    private static string Name(string property) => JsonNamingPolicy.SnakeCaseLower.ConvertName(property);

    private static ResultsColumn Str(string property, Func<CaseResult, string> get, Func<CaseResult, string, CaseResult> set) =>
        new(Name(property), ResultsColumnKind.String, r => get(r), (r, v) => set(r, (string)v));

    private static ResultsColumn Int(string property, Func<CaseResult, int> get, Func<CaseResult, int, CaseResult> set) =>
        new(Name(property), ResultsColumnKind.Int, r => get(r), (r, v) => set(r, (int)v));

    private static ResultsColumn Dbl(string property, Func<CaseResult, double> get, Func<CaseResult, double, CaseResult> set) =>
        new(Name(property), ResultsColumnKind.Double, r => get(r), (r, v) => set(r, (double)v));

    private static ResultsColumn Bool(string property, Func<CaseResult, bool> get, Func<CaseResult, bool, CaseResult> set) =>
        new(Name(property), ResultsColumnKind.Bool, r => get(r), (r, v) => set(r, (bool)v));
}
