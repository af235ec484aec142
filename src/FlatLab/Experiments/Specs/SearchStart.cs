namespace FlatLab.Experiments.Specs;

/// <summary>Where a search for the flattest interpolator over (a, W) starts (docs/optimizers.md).</summary>
public enum SearchStart
{
    /// <summary>Directions uniform on the sphere.</summary>
    Random,
    /// <summary>Directions at the correlation <see cref="SearchRunSpec.Rho"/> with span(U) (docs/model.md §6).</summary>
    Rho,
    /// <summary>The directions the optimizer run <see cref="SearchRunSpec.From"/> learned.</summary>
    Trained,
    /// <summary>The Theorem 4 reference network's directions, perturbed by <see cref="SearchRunSpec.Perturbation"/>.</summary>
    Reference,
}
