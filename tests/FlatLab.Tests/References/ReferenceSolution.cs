namespace FlatLab.Tests.References;

/// <summary>
/// An optimum of minimise Σ_j c_j |a_j|^p s.t. Φ a = y found by a reference method that shares no
/// code with the solver under test.
/// </summary>
/// <param name="Objective">Σ_j c_j |a_j|^p recomputed at <paramref name="Weights"/>.</param>
/// <param name="Weights">The outer weights a (length m).</param>
/// <param name="Dual">λ (length n) with Φᵀλ = ∇(Σ c|a|^p) (p &gt; 1) or the LP row duals (p = 1).</param>
/// <param name="Residual">‖Φa − y‖_∞ recomputed at <paramref name="Weights"/>.</param>
/// <param name="Iterations">Iterations of the reference method (0 when it has none).</param>
public sealed record ReferenceSolution(double Objective, double[] Weights, double[] Dual, double Residual, int Iterations);
