using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.LinearAlgebra;
using FlatLab.Population;
using FlatLab.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Solving;

/// <summary>
/// How to compute the population loss L_D of a network (docs/model.md §7): the data model, and the method
/// where a choice exists. Gaussian inputs without biases have docs/model.md §7's closed forms; any other
/// input distribution, or a network with biases, is sampled.
/// </summary>
public sealed record PopulationLossSpec
{
    /// <summary>The target g and the noise level s.</summary>
    public required DataModel Model { get; init; }
    /// <summary>Exact (closed form where one exists, quadrature or Monte Carlo where not) or MonteCarlo (plain sampling).</summary>
    public PopulationLossMethod Method { get; init; } = PopulationLossMethod.Exact;
    /// <summary>Fresh inputs for Monte Carlo, and for the fallback of links with no closed form.</summary>
    public int Samples { get; init; } = PopulationLoss.DefaultFallbackSamples;
    /// <summary>The distribution of the inputs x.</summary>
    public FeatureDistribution Features { get; init; } = FeatureDistribution.Gaussian;
    /// <summary>The network has inner biases: its directions are W̃ = (W, b), m × (d + 1).</summary>
    public bool Bias { get; init; }

    public PopulationLossSpec Validate()
    {
        ArgumentNullException.ThrowIfNull(Model);
        if (Method is not (PopulationLossMethod.Exact or PopulationLossMethod.MonteCarlo))
            throw new ArgumentException($"The population-loss method must be exact or monte-carlo, got {Method.Name()}.", nameof(Method));
        if (Samples < 2) throw new ArgumentException($"The population loss needs at least 2 samples, got {Samples}.", nameof(Samples));
        return this;
    }

    /// <summary>L_D of f(x) = Σ a_j σ(w_j · x) (or σ(w̃_j · (x, 1)) with biases).</summary>
    /// <param name="w">W (m × d), or W̃ (m × (d + 1)) with biases.</param>
    /// <param name="random">The seeded source of the samples.</param>
    public PopulationLossResult Compute(Matrix<double> w, double[] a, Activation sigma, IDenseKernels kernels, RandomSource random)
    {
        if (Features != FeatureDistribution.Gaussian || Bias)
            return SampledPopulationLoss.Compute(Model, w, a, sigma, Features, Samples, random, kernels);
        return Method == PopulationLossMethod.MonteCarlo
            ? PopulationLoss.MonteCarlo(Model, w, a, sigma, kernels, Samples, random)
            : PopulationLoss.Compute(Model, w, a, sigma, kernels, random, Samples);
    }
}
