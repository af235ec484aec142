namespace FlatLab.Experiments.Results;

/// <summary>
/// One row of a sweep's results table; the columns are documented in docs/results-schema.md and
/// written in snake_case. A case that failed keeps its parameters, its status and message, and NaN
/// for every number that needs a solution.
/// </summary>
public sealed record CaseResult
{
    public required string CaseKey { get; init; }
    public required int CaseIndex { get; init; }
    public required string CaseSeed { get; init; }
    public required string DataSeed { get; init; }
    public required int Repetition { get; init; }
    public required string Panel { get; init; }
    public required string Figure { get; init; }
    public required string Link { get; init; }
    public required string Activation { get; init; }
    public required string LinkActivation { get; init; }
    public required bool InsideAssumption1 { get; init; }
    public required int K { get; init; }
    public required double P { get; init; }
    public required int D { get; init; }
    public required int N { get; init; }
    public required int M { get; init; }
    public required int R { get; init; }
    public required double NoiseStd { get; init; }
    public required double Rho { get; init; }
    public required string Weights { get; init; }

    public required string Status { get; init; }
    public required string Message { get; init; }
    public double FlatnessMin { get; init; } = double.NaN;
    public double Objective { get; init; } = double.NaN;
    public double UnitLpNorm { get; init; } = double.NaN;
    public double LowerBound { get; init; } = double.NaN;
    public double DualObjective { get; init; } = double.NaN;
    public double DualityGap { get; init; } = double.NaN;
    public double PrimalResidual { get; init; } = double.NaN;
    public int Iterations { get; init; }
    public double SolveSeconds { get; init; } = double.NaN;
    public int Support { get; init; }
    public string OptimalPoint { get; init; } = "";

    public double PopulationLoss { get; init; } = double.NaN;
    public string PopulationLossMethod { get; init; } = "";
    public double PopulationLossSe { get; init; } = double.NaN;
    public double ExcessLoss { get; init; } = double.NaN;
    public double SignalPower { get; init; } = double.NaN;
    public double NoiseVariance { get; init; } = double.NaN;

    public double PhiCondition { get; init; } = double.NaN;
    public double Separation { get; init; } = double.NaN;
    public double CaseSeconds { get; init; } = double.NaN;

    /// <summary>Solved, with a population loss: the rows the figures and summaries use.</summary>
    public bool IsUsable => Status == "solved" && double.IsFinite(PopulationLoss) && double.IsFinite(FlatnessMin);
}
