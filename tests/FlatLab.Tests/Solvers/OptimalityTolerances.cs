namespace FlatLab.Tests.Solvers;

/// <summary>
/// Tolerances of <see cref="OptimalityConditions"/>. The defaults sit one to two orders of magnitude
/// above the solver's own targets (gap 1e-10, residual 1e-9 relative; see SolverSettings), so a
/// correct solve passes with margin and a wrong one (a perturbation of 1e-6 or more) fails.
/// </summary>
public sealed record OptimalityTolerances
{
    /// <summary>‖Φa − y‖_∞ ≤ this × max(1, ‖y‖_∞): the solver's FeasibilityTolerance default.</summary>
    public double Feasibility { get; init; } = 1e-9;

    /// <summary>p = 1: |Φᵀλ|_j ≤ c_j (1 + this).</summary>
    public double DualFeasibility { get; init; } = 1e-8;

    /// <summary>p = 1: each term c_j|a_j| − a_j(Φᵀλ)_j ≤ this × max(1, objective); these terms sum to the gap.</summary>
    public double Complementarity { get; init; } = 1e-8;

    /// <summary>p = 1: on the clear support (|a_j| &gt; 1e-6 ‖a‖_∞), |(Φᵀλ)_j − c_j sign(a_j)| ≤ this × c_j.</summary>
    public double SupportSign { get; init; } = 1e-6;

    /// <summary>p &gt; 1: |b_j − (h*)'((Ψᵀλ)_j)| ≤ this × ‖b‖_∞.</summary>
    public double Stationarity { get; init; } = 1e-7;

    /// <summary>(objective − dual objective) ≤ this × max(1, objective); 100 × the solver's GapTolerance.</summary>
    public double Gap { get; init; } = 1e-8;

    /// <summary>Reported objective, dual objective, l_p norm and flatness against their recomputation, relative.</summary>
    public double Reported { get; init; } = 1e-10;

    /// <summary>Reported lower bound against its independent recomputation, relative (it passes through a solve with Ψ Ψᵀ).</summary>
    public double LowerBoundAgreement { get; init; } = 1e-8;
}
