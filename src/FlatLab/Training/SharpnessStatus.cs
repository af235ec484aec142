namespace FlatLab.Training;

/// <summary>How the computation of λ_max ended (docs/optimizers.md §4).</summary>
public enum SharpnessStatus
{
    Unsolved = 0,
    /// <summary>The residual test held: ‖H̃y − λy‖ ≤ tolerance · |λ| for the unit Ritz vector y, measured with one more product.</summary>
    Converged,
    /// <summary>The Lanczos step limit was reached before the residual test held; no eigenvalue is reported.</summary>
    IterationLimit,
    /// <summary>A Hessian–vector product was not finite (a diverged network); no eigenvalue is reported.</summary>
    NonFinite,
}
