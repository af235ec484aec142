namespace FlatLab.Flatness;

/// <summary>
/// F(θ) = tr ∇²L_S(θ) split into its two sums (docs/model.md §3), with the empirical loss at the same θ.
/// </summary>
/// <param name="Trace">F(θ) = <paramref name="GaussNewtonTerm"/> + <paramref name="ResidualTerm"/>.</param>
/// <param name="GaussNewtonTerm">(2/n) Σ_i Σ_j [σ(z_ij)² + a_j² σ'(z_ij)² ‖x_i‖²]; the whole trace at an interpolator.</param>
/// <param name="ResidualTerm">(2/n) Σ_i r_i Σ_j a_j σ''(z_ij) ‖x_i‖²; zero at an interpolator and for k = 1.</param>
/// <param name="EmpiricalLoss">L_S(θ) = (1/n) Σ_i r_i².</param>
/// <param name="MaxAbsResidual">max_i |r_i|, to tell how far θ is from interpolating S.</param>
public sealed record HessianTraceResult(
    double Trace,
    double GaussNewtonTerm,
    double ResidualTerm,
    double EmpiricalLoss,
    double MaxAbsResidual);
