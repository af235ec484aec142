namespace FlatLab.Experiments.Analysis;

/// <summary>
/// What one case says about the paper's intermediate results (docs/theory.md §1). A quantity that
/// cannot be computed (no solution, n = 1) is NaN.
/// </summary>
/// <param name="FlatnessOverLowerBound">Σ c_j|a_j|^p at the solution over its certified lower bound
/// (‖b*‖₂²/‖b*‖_q)^p (Theorem 1's tightness; ≥ 1 up to rounding). NaN when unsolved.</param>
/// <param name="LargestEigenvalue">λ₁ of ΦΦᵀ/n (Lemma 2: large, driven by the mean E σ ≠ 0).</param>
/// <param name="SecondEigenvalue">λ₂ of ΦΦᵀ/n (Lemma 2: the rest of the spectrum stays bounded).</param>
/// <param name="SmallestEigenvalue">λ_n of ΦΦᵀ/n (Lemma 7: positive when Φ has full row rank).</param>
/// <param name="SecondOverSmallest">λ₂/λ_n, the conditioning of the spectrum without its mean direction.</param>
/// <param name="ExpectedLargestEigenvalue">m (Eσ)² + m (Eσ² − (Eσ)²)/n, the top eigenvalue of E_x[ΦΦᵀ]/n for
/// unit w_j and Gaussian x (its eigenvector is the all-ones vector).</param>
/// <param name="ExpectedBulkEigenvalue">m (Eσ² − (Eσ)²)/n, every other eigenvalue of E_x[ΦΦᵀ]/n (the mean level
/// of the bulk; the sample spectrum spreads around it).</param>
/// <param name="ExpectedS">E σ(z)², the per-sample mean of S_j (Lemma 1 / Lemma 4).</param>
/// <param name="ExpectedT">E[σ'(z)² z²] + (d − 1) E σ'(z)², the per-sample mean of T_j.</param>
/// <param name="MaxSDeviation">max_j |S_j/(n E_S) − 1|.</param>
/// <param name="MeanSDeviation">mean_j |S_j/(n E_S) − 1|.</param>
/// <param name="MaxTDeviation">max_j |T_j/(n E_T) − 1|.</param>
/// <param name="MeanTDeviation">mean_j |T_j/(n E_T) − 1|.</param>
/// <param name="ParticipationRatio">(Σ|a_j|)² / (m_nz Σ a_j²) over the m_nz non-zero weights, in (0, 1]; 1 when all
/// non-zero |a_j| are equal (Proposition 2's balancedness). NaN without a solution or with a = 0.</param>
/// <param name="TopDecileShare">The share of Σ|a_j| carried by the ⌈m/10⌉ largest |a_j| among all m neurons: about
/// 0.1 for balanced weights, 1 when a few neurons carry everything.</param>
/// <param name="NonZeroCount">The number of |a_j| above 1e-9 max_j |a_j| (0 without a solution).</param>
public sealed record CaseDiagnosticsResult(
    double FlatnessOverLowerBound,
    double LargestEigenvalue,
    double SecondEigenvalue,
    double SmallestEigenvalue,
    double SecondOverSmallest,
    double ExpectedLargestEigenvalue,
    double ExpectedBulkEigenvalue,
    double ExpectedS,
    double ExpectedT,
    double MaxSDeviation,
    double MeanSDeviation,
    double MaxTDeviation,
    double MeanTDeviation,
    double ParticipationRatio,
    double TopDecileShare,
    int NonZeroCount);
