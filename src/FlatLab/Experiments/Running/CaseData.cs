using FlatLab.Data;
using FlatLab.Experiments.Specs;
using FlatLab.Randomness;
using FlatLab.Networks;
using FlatLab.Solving;

namespace FlatLab.Experiments.Running;

/// <summary>The data model and sample S of a case, drawn from its panel and repetition's data seed.</summary>
internal sealed record CaseData(DataModel Model, Dataset Sample)
{
    public static CaseData Draw(SweepCase c)
    {
        var panel = c.Panel;
        var data = new RandomSource(c.DataSeed);
        var model = panel.IsXor ? XorTarget.Model(panel.D, panel.NoiseStd) : DataModelFactory.Create(panel.ToDataModelSpec(), data.Fork("model"));
        var sample = panel.Features == FeatureDistribution.Hypercube
            ? HypercubeSampler.Sample(model, panel.N, data.Fork("sample"))
            : DataSampler.Sample(model, panel.N, data.Fork("sample"));
        return new CaseData(model, sample);
    }

    /// <summary>The inputs the network sees: x, or (x, 1) for a network with biases.</summary>
    public Dataset NetworkInputs(PanelSpec panel) =>
        panel.Bias ? new Dataset(BiasAugmentation.Augment(Sample.Features), Sample.Labels) : Sample;

    /// <summary>The population loss of the panel's networks: exact where docs/model.md §7 applies, sampled otherwise.</summary>
    public PopulationLossSpec PopulationLoss(PanelSpec panel, PopulationSpec population) => new()
    {
        Model = Model,
        Method = population.Method,
        Samples = population.Samples,
        Features = panel.Features,
        Bias = panel.Bias,
    };
}
