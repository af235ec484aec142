using System.Globalization;

namespace FlatLab.Training;

/// <summary>λ_max of the Hessian of the training objective (docs/optimizers.md §4): NaN unless
/// <see cref="Status"/> is <see cref="SharpnessStatus.Converged"/>.</summary>
/// <param name="Eigenvalue">The largest (algebraic) eigenvalue λ_max; NaN when not converged.</param>
/// <param name="Iterations">Lanczos steps (Hessian–vector products besides the residual checks).</param>
/// <param name="Residual">‖H̃y − λy‖ of the best Ritz pair at the last check, relative to |λ| (NaN before any check).</param>
public sealed record SharpnessResult(double Eigenvalue, SharpnessStatus Status, int Iterations, double Residual)
{
    public bool IsConverged => Status == SharpnessStatus.Converged;

    /// <summary>Why no eigenvalue is reported, in words; empty when converged.</summary>
    public string Reason => Status switch
    {
        SharpnessStatus.Converged => "",
        SharpnessStatus.IterationLimit => string.Create(CultureInfo.InvariantCulture,
            $"λ_max did not converge in {Iterations} Lanczos steps (relative residual {Residual:G3})"),
        SharpnessStatus.NonFinite => "λ_max is undefined: a Hessian–vector product was not finite",
        _ => "λ_max was not computed",
    };
}
