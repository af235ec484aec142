using FlatLab.Data;
using FlatLab.Population;
using FlatLab.Randomness;

namespace FlatLab.Experiments.Running;

/// <summary>The data model and sample S of a case, drawn from its panel and repetition's data seed.</summary>
internal sealed record CaseData(DataModel Model, Dataset Sample)
{
    public static CaseData Draw(SweepCase c)
    {
        var data = new RandomSource(c.DataSeed);
        var model = DataModelFactory.Create(c.Panel.ToDataModelSpec(), data.Fork("model"));
        return new CaseData(model, DataSampler.Sample(model, c.Panel.N, data.Fork("sample")));
    }

    public static string MethodName(PopulationLossMethod method) => method switch
    {
        PopulationLossMethod.Exact => "exact",
        PopulationLossMethod.Quadrature => "quadrature",
        _ => "monte-carlo",
    };
}
