using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.InnerWeights;
using FlatLab.LinearAlgebra;
using FlatLab.Randomness;
using FlatLab.Solvers;
using FlatLab.Tests.LinearAlgebra;
using FlatLab.Tests.References;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.Solvers;

/// <summary>
/// The rank-revealing path (docs/solver.md, "Rank and conditioning"): consistent rank-deficient systems
/// are solved and certified on all n rows, against OR-Tools GLOP (p = 1) or the null-space Newton
/// reference (p &gt; 1), both of which work on Φ itself, and the KKT harness; systems whose labels lie
/// outside the range of Φ are infeasible with the rank; full-rank systems with κ between 1e8 and 1e12
/// are solved without going through ΦΦᵀ. The rank expected is derived from the construction, never
/// read off the solver.
/// </summary>
public sealed class FlattestInterpolatorSolverRankTests
{
    /// <summary>GLOP's and the null-space reference's optima are exact to ~1e-12; the solver's gap target is 1e-10.</summary>
    private const double ObjectiveAgreement = 1e-8;

    [Theory]
    [InlineData("relu", 0.95, 1UL)]
    [InlineData("relu", 0.98, 2UL)]
    [InlineData("leaky-relu:0.1", 0.95, 3UL)]
    [InlineData("leaky-relu:0.1", 0.98, 4UL)]
    [InlineData("relu", 0.97, 5UL)]
    public void GivenNoiselessLabelsAndStronglyCorrelatedDirections_WhenSolved_ThenItIsSolvedAndMatchesGlop(string activation, double rho, ulong seed)
    {
        // Given: y = σ(u·x) and every w_j at correlation ρ with u; Φ is numerically rank deficient or
        // badly conditioned, yet y lies in its range (the failing family).
        var problem = Correlated(activation, LinkKind.SingleIndex, rho, n: 40, m: 120, d: 6, seed);

        // When
        var result = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default);

        // Then
        AssertOptimalOnAllRows(problem, result);
    }

    [Theory]
    [InlineData(0.95, 6UL)]
    [InlineData(0.98, 7UL)]
    public void GivenAReluNetworkOnALinearLinkWithCorrelatedDirections_WhenSolved_ThenItIsSolvedAndMatchesGlop(double rho, ulong seed)
    {
        var problem = Correlated("relu", LinkKind.Linear, rho, n: 40, m: 120, d: 6, seed);

        var result = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default);

        AssertOptimalOnAllRows(problem, result);
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("abs")]
    [InlineData("quadratic")]
    public void GivenDuplicatedSamplesWithEqualLabels_WhenSolved_ThenItHasRankNMinusTheDuplicatesAndTheOptimumOfTheDistinctSamples(string activation)
    {
        // Given: rows 1 and 5 repeat rows 0 and 2 (features and labels): rank n − 2.
        var instance = SolverInstance.Network(activation, 24, 72, activation == "quadratic" ? 8 : 5, 11UL, noise: 0.1);
        var x = instance.X.Clone();
        var y = instance.Labels.ToArray();
        x.SetRow(1, x.Row(0));
        x.SetRow(5, x.Row(2));
        (y[1], y[5]) = (y[0], y[2]);
        var problem = SolverInstance.Build(x, y, instance.W, instance.Activation, instance.Weighting).Problem;
        var keep = Enumerable.Range(0, 24).Where(i => i != 1 && i != 5).ToArray();
        // The same problem without the copies: the weights c_j stay those of the full sample.
        var distinct = problem with
        {
            Phi = (MathNet.Numerics.LinearAlgebra.Double.DenseMatrix)Matrix<double>.Build.DenseOfRowVectors(keep.Select(i => problem.Phi.Row(i))),
            Labels = keep.Select(i => y[i]).ToArray(),
        };

        // When
        var result = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default);
        var reference = FlattestInterpolatorSolver.Solve(distinct, DenseKernels.Default);

        // Then: the duplicates add no constraint, so the optimum is that of the 22 distinct samples (a
        // full-rank solve on the fast path), and the certificate holds on all 24 rows.
        Assert.Equal(SolverStatus.Solved, reference.Status);
        Assert.Equal(22, reference.PhiRank);
        AssertOptimalOnAllRows(problem, result, expectedRank: 22);
        AssertRelative(reference.Objective, result.Objective, ObjectiveAgreement, "objective vs the distinct samples");
    }

    [Theory]
    [InlineData(30, 90, 10, 21UL)]
    [InlineData(60, 120, 8, 22UL)]
    public void GivenALinearNetworkWithMoreSamplesThanDimensionsAndLabelsInItsRange_WhenSolved_ThenItIsSolvedWithRankD(int n, int m, int d, ulong seed)
    {
        // Given: Φ = X Wᵀ has rank d < n, and noiseless y = u·x lies in its range.
        var problem = SolverInstance.Network("linear", n, m, d, seed, noise: 0).Problem;

        var result = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default);

        AssertOptimalOnAllRows(problem, result, expectedRank: d);
    }

    [Theory]
    [InlineData(0.5, 30, 60, 31UL)]
    [InlineData(0.8, 30, 300, 32UL)]
    [InlineData(0.95, 40, 800, 33UL)]
    public void GivenAQuadraticNetworkWhoseDirectionsShareOneCorrelation_WhenSolvedForTheSquareOfUx_ThenItIsInfeasibleWithTheRank(
        double rho, int n, int m, ulong seed)
    {
        // Given: with (w_j·u)² = ρ²‖w_j‖², every feature (w_j·x)² = xᵀ w_j w_jᵀ x has a matrix orthogonal
        // to uuᵀ − ρ²I, while uuᵀ is not ((1 − ρ²) ≠ 0): (u·x)² is outside the span, whatever m. With
        // d = 4 the quadratic forms span d(d+1)/2 = 10 dimensions, so rank Φ = 9 < n.
        const int d = 4;
        var problem = Correlated("quadratic", LinkKind.SingleIndex, rho, n, m, d, seed);

        // When
        var result = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default);

        // Then
        Assert.Equal(SolverStatus.Infeasible, result.Status);
        Assert.Equal(d * (d + 1) / 2 - 1, result.PhiRank);
        Assert.Contains("rank(Φ) = 9", result.Message);
        Assert.Contains($"n = {n}", result.Message);
        var outside = OutsideRange(problem);
        Assert.True(outside > 1e-3, $"the construction should leave y outside the range, measured {outside:G3}");
        AssertRelative(outside, result.OutsideRangeNorm, 1e-6, "‖y − Πy‖₂ vs the SVD");
        Assert.True(double.IsNaN(result.Objective) && result.OuterWeights.Length == 0 && result.Dual.Length == 0);
    }

    [Theory]
    [InlineData("relu", 1e-9)]
    [InlineData("relu", 1e-10)]
    [InlineData("abs", 1e-10)]
    [InlineData("quadratic", 1e-9)]
    [InlineData("quadratic", 1e-10)]
    public void GivenFullRankButBadlyConditionedSamples_WhenSolved_ThenItIsSolvedWithoutSquaringKappa(string activation, double delta)
    {
        // Given: x₁ = x₀ + δg with y₁ = y₀: κ(Φ) ≈ 1/δ, far beyond what ΦΦᵀ (κ²) can resolve. The two rows
        // say φ(x₀)·a = y₀ and (φ(x₁) − φ(x₀))/δ · a = 0: up to O(δ), a derivative constraint.
        var (problem, limit) = NearlyParallel(activation, delta);
        var kappa = TrueCondition(problem);
        Assert.InRange(kappa, 1e8, 1e12);

        // When
        var result = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default);

        // Then: full rank, κ reported to its order of magnitude, certified on all rows. The primal side is
        // checked to rounding; λ on the samples is λ' mapped through R₁₁⁻¹, so Φᵀλ carries an error of about
        // κ·ε whatever the method, and the dual-side checks allow that much.
        Assert.True(result.Status == SolverStatus.Solved, $"status {result.Status}: {result.Message}");
        Assert.Equal(problem.SampleCount, result.PhiRank);
        Assert.InRange(result.ConditionEstimate, kappa / 10, kappa * 10);
        OptimalityConditions.AssertOptimal(problem, result, DualSideTolerances(1e-15 * kappa));
        // The optimum is that of the well-conditioned limit problem with the derivative row, which GLOP or the
        // null-space reference solve accurately, up to O(δ) and the κ·ε sensitivity of the optimum to Φ's rounding.
        var reference = Reference(limit);
        AssertRelative(reference.Objective, result.Objective, 1e-6, "objective vs the derivative-row limit");
        // A reference on Φ itself does not resolve that row: GLOP's tolerances, or the SVD's rank cut, drop it.
        Assert.True(result.Objective >= reference.Objective * (1 - 1e-6));
    }

    [OpenBlasTheory]
    [InlineData("relu")]
    [InlineData("quadratic")]
    public void GivenTheManagedKernels_WhenARankDeficientSystemIsSolved_ThenTheyAgreeWithOpenBlas(string activation)
    {
        var problem = SolverInstance.Network("linear", 30, 90, 10, 41UL, noise: 0).Problem;
        if (activation == "quadratic") problem = Correlated("quadratic", LinkKind.SingleIndex, 0.9, 20, 60, 4, 42UL);
        var openBlas = OpenBlas.Kernels;
        var managed = FlattestInterpolatorSolver.Solve(problem, ManagedKernels.Instance);
        var native = FlattestInterpolatorSolver.Solve(problem, openBlas);

        Assert.Equal(native.Status, managed.Status);
        Assert.Equal(native.PhiRank, managed.PhiRank);
        if (native.Status == SolverStatus.Solved) AssertRelative(native.Objective, managed.Objective, ObjectiveAgreement, "managed vs OpenBLAS");
        else AssertRelative(native.OutsideRangeNorm, managed.OutsideRangeNorm, 1e-8, "outside-range norm, managed vs OpenBLAS");
    }

    /// <summary>Solved, with the expected rank, the KKT harness on all n rows and the reference optimum.</summary>
    private static void AssertOptimalOnAllRows(FlattestInterpolatorProblem problem, FlattestInterpolatorResult result,
        int? expectedRank = null, double dualFeasibility = 0)
    {
        Assert.True(result.Status == SolverStatus.Solved, $"status {result.Status}: {result.Message}");
        if (expectedRank is { } rank) Assert.Equal(rank, result.PhiRank);
        var reference = Reference(problem);
        // Residual at rounding level on every row, including the rows left out of the reduced solve.
        var yScale = Math.Max(1, problem.Labels.Max(Math.Abs));
        Assert.True(OptimalityConditions.Residual(problem, result.OuterWeights) <= 1e-11 * yScale,
            $"residual {OptimalityConditions.Residual(problem, result.OuterWeights):G3} on all rows");
        OptimalityConditions.AssertOptimal(problem, result, DualSideTolerances(dualFeasibility));
        AssertRelative(reference.Objective, result.Objective, ObjectiveAgreement, "objective vs the reference");
    }

    /// <summary>Single-index data (noiseless) and inner weights at correlation ρ with u (docs/model.md §6).</summary>
    private static FlattestInterpolatorProblem Correlated(string activation, LinkKind link, double rho, int n, int m, int d, ulong seed)
    {
        var sigma = ActivationParser.Parse(activation);
        var random = new RandomSource(seed);
        var model = DataModelFactory.Create(new DataModelSpec(d, 1, link, sigma), random.Fork("model"));
        var data = DataSampler.Sample(model, n, random.Fork("sample"));
        var w = CorrelatedWeights.Sample(model.Directions, m, rho, random.Fork("inner"));
        return SolverInstance.Build(data.Features, data.Labels, w, sigma, OuterWeighting.Exact).Problem;
    }

    /// <summary>The nearly parallel pair and its limit δ → 0: row 1 replaced by the directional derivative
    /// of the features at x₀ along g (a central difference, exact for the quadratic and for ReLU and |·| away
    /// from their kinks), label 0, the weights c_j unchanged.</summary>
    private static (FlattestInterpolatorProblem Problem, FlattestInterpolatorProblem Limit) NearlyParallel(string activation, double delta)
    {
        var instance = SolverInstance.Network(activation, 20, 60, activation == "quadratic" ? 8 : 5, 98UL);
        var g = SolverInstance.GaussianMatrix(1, instance.X.ColumnCount, new RandomSource(99)).Row(0);
        var x = instance.X.Clone();
        x.SetRow(1, x.Row(0) + delta * g);
        var y = instance.Labels.ToArray();
        y[1] = y[0];
        var problem = SolverInstance.Build(x, y, instance.W, instance.Activation, instance.Weighting).Problem;

        const double h = 1e-4;
        var pair = Matrix<double>.Build.DenseOfRowVectors(x.Row(0) + h * g, x.Row(0) - h * g);
        var features = FlatLab.Networks.NeuronFeatures.Compute(pair, instance.W, instance.Activation, DenseKernels.Default).Phi;
        var phi = (MathNet.Numerics.LinearAlgebra.Double.DenseMatrix)problem.Phi.Clone();
        phi.SetRow(1, (features.Row(0) - features.Row(1)) / (2 * h));
        var labels = y.ToArray();
        labels[1] = 0;
        return (problem, problem with { Phi = phi, Labels = labels });
    }

    private static ReferenceSolution Reference(FlattestInterpolatorProblem problem) => problem.P == 1
        ? GlopReference.Solve(problem.Phi, problem.Labels, problem.Weights)
        : NullSpaceNewtonReference.Solve(problem.Phi, problem.Labels, problem.Weights, problem.P);

    private static OptimalityTolerances DualSideTolerances(double dual) => new()
    {
        DualFeasibility = Math.Max(1e-8, dual),
        Complementarity = Math.Max(1e-8, dual),
        SupportSign = Math.Max(1e-6, dual),
        Stationarity = Math.Max(1e-7, dual),
        Gap = Math.Max(1e-8, dual),
        Reported = Math.Max(1e-10, dual),
        LowerBoundAgreement = 1e-6,
    };

    private static double TrueCondition(FlattestInterpolatorProblem problem)
    {
        var s = problem.Phi.Svd(computeVectors: false).S;
        return s[0] / s[s.Count - 1];
    }

    /// <summary>‖y − Πy‖₂ from the SVD of Ψ (the live, scaled columns; the range is the same as Φ's).</summary>
    private static double OutsideRange(FlattestInterpolatorProblem problem)
    {
        var svd = problem.Phi.Svd(computeVectors: true);
        var threshold = svd.S[0] * Math.Max(problem.SampleCount, problem.NeuronCount) * 1e-12;
        var y = Vector<double>.Build.DenseOfArray(problem.Labels);
        var inside = Vector<double>.Build.Dense(problem.SampleCount);
        for (var i = 0; i < svd.S.Count; i++)
            if (svd.S[i] > threshold) inside += svd.U.Column(i) * svd.U.Column(i).DotProduct(y);
        return (y - inside).L2Norm();
    }

    private static void AssertRelative(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Max(1, Math.Abs(expected)),
            $"{what}: {actual:G15} vs {expected:G15} (relative {Math.Abs(actual - expected) / Math.Max(1, Math.Abs(expected)):G3})");
}
