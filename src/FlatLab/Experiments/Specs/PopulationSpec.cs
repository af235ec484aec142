using System.Globalization;
using FlatLab.Population;

namespace FlatLab.Experiments.Specs;

/// <summary>How population losses are computed.</summary>
public sealed record PopulationSpec
{
    /// <summary>exact (closed form where it exists, quadrature or Monte Carlo where not) or monte-carlo.</summary>
    public PopulationLossMethod Method { get; init; } = PopulationLossMethod.Exact;
    /// <summary>Fresh samples for Monte Carlo (and for the fallback of links with no closed form).</summary>
    public int Samples { get; init; } = 100_000;

    public void Validate(string field)
    {
        if (Samples < 100 || Samples > 100_000_000)
            throw new SpecException($"{field}.samples", Samples.ToString(CultureInfo.InvariantCulture), "must lie in [100, 1e8]");
    }
}
