namespace FlatLab.Data;

/// <summary>The distribution of the inputs x.</summary>
public enum FeatureDistribution
{
    /// <summary>x ~ N(0, I_d): the paper's setting (docs/model.md §1).</summary>
    Gaussian,
    /// <summary>x uniform on {−1, 1}^d: discrete features, after Wen, Li and Ma (2023).</summary>
    Hypercube,
}
