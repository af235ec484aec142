namespace FlatLab.Experiments.Running;

/// <summary>What a case of a sweep does.</summary>
public enum CaseKind
{
    /// <summary>The paper's experiment: W at correlation ρ, the flattest interpolator for it (docs/model.md §8).</summary>
    Rho,
    /// <summary>An optimizer run to interpolation, with its trajectory.</summary>
    Train,
    /// <summary>A search for the flattest interpolator over (a, W), with its path.</summary>
    Search,
}
