using FlatLab.Experiments.Results;
using FlatLab.Population;

namespace FlatLab.Experiments.Running;

/// <summary>The one mapping of a population loss to the columns of a row (NaN and empty without one).</summary>
internal static class PopulationLossColumns
{
    public static CaseResult WithPopulationLoss(this CaseResult row, PopulationLossResult? loss) => row with
    {
        PopulationLoss = loss?.Loss ?? double.NaN,
        PopulationLossMethod = loss is null ? "" : loss.Method.Name(),
        PopulationLossSe = loss?.StandardError ?? double.NaN,
        ExcessLoss = loss?.ExcessLoss ?? double.NaN,
        SignalPower = loss?.SignalPower ?? double.NaN,
        NoiseVariance = loss?.NoiseVariance ?? double.NaN,
    };
}
