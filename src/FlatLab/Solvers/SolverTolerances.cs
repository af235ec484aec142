namespace FlatLab.Solvers;

/// <summary>
/// The internal thresholds of the flattest-interpolator solvers, in one place (docs/solver.md,
/// "Internal tolerances"). Unlike <see cref="SolverSettings"/> these are not tuning knobs: they are
/// set where rounding or the method's theory puts them, and every documented number depends on them.
/// Relative thresholds are relative to the quantity named in each comment.
/// </summary>
internal static class SolverTolerances
{
    // Interior point (p = 1).

    /// <summary>Fraction of the step to the boundary of the positive orthant the iterate takes.</summary>
    public const double StepFraction = 0.995;

    /// <summary>Relative duality gap below which the crossover is offered the iterate.</summary>
    public const double CrossoverGap = 1e-2;

    /// <summary>Smallest start offset of u and v from zero, relative to max(1, ‖y‖∞).</summary>
    public const double StartShift = 1e-8;

    /// <summary>‖Ψᵀλ + z − 1‖∞ below which the interior-point dual counts as feasible (absolute: the
    /// scaled dual constraints have right-hand side 1).</summary>
    public const double DualFeasibility = 1e-9;

    /// <summary>Gondzio centrality correctors per iteration, at most.</summary>
    public const int MaxCorrectors = 3;

    /// <summary>A corrector is kept when it lengthens the summed primal and dual step by this factor.</summary>
    public const double CorrectorGain = 1.02;

    /// <summary>The band [1/w, w] × μ into which the correctors pull the complementarity products.</summary>
    public const double CentralityBand = 10;

    // Dual Newton (1 < p ≤ 2).

    /// <summary>‖∇D‖∞ = ‖Ψb − y‖∞ relative to max(1, ‖y‖∞) below which λ is accurate (with the gap closed).</summary>
    public const double NewtonResidual = 1e-13;

    /// <summary>Newton has stalled when the residual falls by less than this factor and the gap is
    /// within <see cref="StallGapFactor"/> × GapTolerance.</summary>
    public const double StallRatio = 0.5;

    /// <inheritdoc cref="StallRatio"/>
    public const double StallGapFactor = 1e3;

    /// <summary>Bounds of the inexact-Newton forcing term (relative CG residual).</summary>
    public const double MinForcing = 1e-11;

    /// <inheritdoc cref="MinForcing"/>
    public const double MaxForcing = 1e-3;

    /// <summary>Armijo's sufficient-increase constant of the backtracking line search.</summary>
    public const double Armijo = 1e-4;

    /// <summary>Smallest step length the line search tries before declaring the iterate final.</summary>
    public const double MinStep = 1e-12;

    /// <summary>Preconditioned CG iterations before the Newton matrix is factored afresh.</summary>
    public const int MaxConjugateGradientIterations = 30;

    /// <summary>A CG direction with this relative residual still serves when the forcing term is out of reach.</summary>
    public const double ConjugateGradientFallback = 1e-6;

    // Vertex crossover (p = 1).

    /// <summary>How much more clearly on the support the n-th column must be than the (n+1)-th.</summary>
    public const double ClearSplit = 2;

    /// <summary>|Ψᵀλ| ≤ 1 + this certifies a vertex; off-support duals below 1 − this make it unique.</summary>
    public const double DualSlack = 1e-9;

    /// <summary>Null-direction entries below this (absolute, unit direction) do not bound the step.</summary>
    public const double NullDirectionEntry = 1e-14;

    /// <summary>Singular values of Ψ_S below this fraction of the largest span its null space.</summary>
    public const double NullSpaceRank = 1e-10;

    /// <summary>A reduced null-space vector shorter than this is dropped as dependent.</summary>
    public const double NullVectorNorm = 1e-12;

    /// <summary>Support columns whose squared norm in Ψ_SᵀΨ_S's factor falls below this fraction of the
    /// largest are nearly dependent: purify instead of solving.</summary>
    public const double DependentColumns = 1e-7;

    /// <summary>Iterative-refinement passes of the support least-squares solve.</summary>
    public const int RefinementPasses = 3;

    /// <summary>A degenerate vertex is looked for only when the iterate's own relative gap is below this (its λ
    /// cannot certify before).</summary>
    public const double DegenerateIterateGap = 1e-6;

    /// <summary>A support of k &lt; n columns is split off where the sorted indicator |b_c| / (1 − |Ψ_cᵀλ|) drops by
    /// more than this factor from the k-th to the (k+1)-th column.</summary>
    public const double DegenerateSplit = 1e3;

    /// <summary>How many of the widest such drops are tried, widest first.</summary>
    public const int DegenerateCandidates = 3;

    /// <summary>‖Ψ_K b_K − y‖∞ relative to max(1, ‖y‖∞) below which the re-solved support interpolates.</summary>
    public const double DegenerateResidual = 1e-12;

    // Rank-revealing path.

    /// <summary>The largest κ(Ψ_S) the rank-revealing path solves: beyond it the optimum moves with the last digits of
    /// Φ (its sensitivity to a rounding of Φ is about κ·ε relative), so the answer is reported ill-conditioned.</summary>
    public const double RankConditionCeiling = 1e12;

    // Face centring (p = 1, central point).

    /// <summary>The centre of the optimal face is looked for once the iterate's relative gap is below this (the
    /// partition it shows is then usually settled), and at the last iterate whatever its gap.</summary>
    public const double CentringIterateGap = 1e-6;

    /// <summary>Before the last iterate, a partition is tried only when its support's indicators |b_j| / (1 − |(Ψᵀλ)_j|)
    /// exceed the largest off it by this factor.</summary>
    public const double CentringSplit = 1e3;

    /// <summary>Newton iterations of the centring, at most (from a near-central start it needs a handful).</summary>
    public const int CentringIterations = 50;

    /// <summary>Newton decrement λ = ‖B⁻¹Δ‖ up to which full steps are taken; above it the damped step 1/(1 + λ),
    /// which keeps the iterate inside the sign orthant and decreases the barrier.</summary>
    public const double CentringFullStep = 0.25;

    /// <summary>The centre is reached when λ is below this (the last full step then leaves each coordinate within
    /// about λ² relative of the centre) ...</summary>
    public const double CentringDecrement = 1e-8;

    /// <summary>... or within this factor of its rounding error ε·κ(Q₁ᵀB)·√k, κ(Q₁ᵀB) ≤ max|b_j| / min|b_j|.</summary>
    public const double CentringRoundingFactor = 100;

    /// <summary>‖Q₁ᵀb − c‖∞ on the face's orthonormal rows, relative to max(‖b‖∞, ‖c‖∞), at which the centre counts
    /// as on the face.</summary>
    public const double CentringResidual = 1e-12;

    // Assembly of the result.

    /// <summary>A p = 1 vertex whose objective exceeds the central point's by more than this × GapTolerance
    /// (relative) is off the optimal face and rejected.</summary>
    public const double VertexOffFace = 10;

    /// <summary>A final relative gap above this × GapTolerance makes the status NumericalError.</summary>
    public const double FinalGapFactor = 100;

    // Gram system and scaled problem.

    /// <summary>Power and inverse-iteration steps of the condition estimate: enough for the order of
    /// magnitude <see cref="SolverSettings.ConditionLimit"/> needs.</summary>
    public const int ConditionIterations = 5;

    /// <summary>Diagonal shifts, relative to the largest diagonal entry, tried in turn when Ψ D Ψᵀ is
    /// numerically indefinite: from <see cref="FirstShift"/> up to <see cref="LastShift"/> by ×100.</summary>
    public const double FirstShift = 1e-14;

    /// <inheritdoc cref="FirstShift"/>
    public const double LastShift = 1e-8;

    /// <summary>Columns with weight d_c below this fraction of max d contribute less than rounding to
    /// Ψ D Ψᵀ and are left out of it.</summary>
    public const double NegligibleColumn = 1e-14;
}
