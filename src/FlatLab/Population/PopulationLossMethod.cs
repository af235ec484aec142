namespace FlatLab.Population;

/// <summary>How a population loss was obtained (docs/population-loss.md).</summary>
public enum PopulationLossMethod
{
    /// <summary>Every term in closed form (arc-cosine kernels); no sampling error.</summary>
    Exact,
    /// <summary>Some terms by deterministic numerical quadrature. Reserved: every multi-index
    /// link currently has a closed form, mixed degrees included.</summary>
    Quadrature,
    /// <summary>Some terms estimated on a fresh Gaussian sample; the standard error is reported.</summary>
    MonteCarlo,
}
