using FlatLab.Data;
using FlatLab.Experiments.Specs;
using FlatLab.LinearAlgebra;
using FlatLab.Population;
using FlatLab.Randomness;
using FlatLab.Networks;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Experiments.Running;

/// <summary>The data model and sample S of a case, drawn from its panel and repetition's data seed.</summary>
internal sealed record CaseData(DataModel Model, Dataset Sample)
{
    public static CaseData Draw(SweepCase c)
    {
        var panel = c.Panel;
        var data = new RandomSource(c.DataSeed);
        var model = panel.IsXor ? XorTarget.Model(panel.D, panel.NoiseStd) : DataModelFactory.Create(panel.ToDataModelSpec(), data.Fork("model"));
        var sample = panel.FeatureDistribution == FeatureDistribution.Hypercube
            ? HypercubeSampler.Sample(model, panel.N, data.Fork("sample"))
            : DataSampler.Sample(model, panel.N, data.Fork("sample"));
        return new CaseData(model, sample);
    }

    /// <summary>The inputs the network sees: x, or (x, 1) for a network with biases.</summary>
    public Dataset NetworkInputs(PanelSpec panel) =>
        panel.Bias ? new Dataset(BiasAugmentation.Augment(Sample.Features), Sample.Labels) : Sample;

    /// <summary>The population loss of (W or W̃ = (W, b), a): exact where MODEL §7 applies, sampled otherwise.</summary>
    public PopulationLossResult Loss(PanelSpec panel, SweepSpec spec, Matrix<double> w, double[] a, IDenseKernels kernels, RandomSource random)
    {
        var sigma = panel.NetworkActivation;
        if (!panel.IsGaussianBiasFree)
            return SampledPopulationLoss.Compute(Model, w, a, sigma, panel.FeatureDistribution, spec.Population.Samples, random, kernels);
        return spec.Population.IsMonteCarlo
            ? PopulationLoss.MonteCarlo(Model, w, a, sigma, kernels, spec.Population.Samples, random)
            : PopulationLoss.Compute(Model, w, a, sigma, kernels, random, spec.Population.Samples);
    }
}
