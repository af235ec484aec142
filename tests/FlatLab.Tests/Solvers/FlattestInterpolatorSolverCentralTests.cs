using FlatLab.Activations;
using FlatLab.Data;
using FlatLab.InnerWeights;
using FlatLab.LinearAlgebra;
using FlatLab.Randomness;
using FlatLab.Solvers;
using FlatLab.Tests.LinearAlgebra;
using FlatLab.Tests.References;
using Google.OrTools.LinearSolver;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Double;
using MathNet.Numerics.Optimization;

namespace FlatLab.Tests.Solvers;

/// <summary>
/// The central point (p = 1) on degenerate, rank-deficient LPs (docs/solver.md, "Which optimal point"): it
/// must lie on the optimal face (GLOP's optimum to rounding, residual at rounding level on all n rows, the
/// KKT harness) and be its analytic centre, checked by the centring problem's own optimality condition
/// (1/a_S in the row space of Φ_S, from an SVD) and, on a tiny instance whose face is found by GLOP, by a
/// derivative-free maximisation of the log barrier over that face. None of these checks calls the solver.
/// </summary>
public sealed class FlattestInterpolatorSolverCentralTests
{
    /// <summary>GLOP's polished vertex is exact to ~1e-14; two exact points of one face share the objective to rounding.</summary>
    private const double SameObjective = 1e-11;

    /// <summary>The centring condition, relative: the solver stops at a Newton decrement of 1e-8 and takes one more
    /// full step, which leaves about 1e-16 plus rounding; 1e-9 is far below what an off-centre point shows.</summary>
    private const double Centred = 1e-9;

    public static TheoryData<string> DegenerateFamilies() =>
    [
        "correlated relu 0.95 1",
        "correlated relu 0.98 2",
        "correlated relu 0.97 5",
        "correlated leaky-relu:0.1 0.95 3",
        "correlated leaky-relu:0.1 0.98 4",
        "linear-link relu 0.95 6",
        "linear-link relu 0.98 7",
        "duplicated-samples relu 11",
        "duplicated-samples abs 11",
        "linear-network 30 90 10 21",
        "linear-network 60 120 8 22",
        "twins-and-duplicated-samples relu 12",
        "twins-and-duplicated-samples abs 13",
        "correlated-with-twins relu 0.95 1",
        "combined-columns 8",
    ];

    [Theory]
    [MemberData(nameof(DegenerateFamilies))]
    public void GivenADegenerateRankDeficientLp_WhenSolvedForTheCentralPoint_ThenItConvergesOnTheOptimalFaceAtItsAnalyticCentre(string family)
    {
        // Given: rank Φ < n (duplicated or dependent samples, or noiseless labels with strongly correlated
        // directions) and an optimum that is degenerate (fewer than n non-zeros) or a whole face.
        var problem = Family(family);

        // When
        var central = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default, new SolverSettings { Point = OptimalPoint.Central });
        var vertex = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default);

        // Then: the centring converged by its own test and was certified (status and message), ...
        Assert.True(central.Status == SolverStatus.Solved, $"{family}: status {central.Status}: {central.Message}");
        Assert.Equal(OptimalPoint.Central, central.Point);
        Assert.Contains("analytic centre of the optimal face", central.Message);
        Assert.True(central.PhiRank < problem.SampleCount, $"{family}: rank {central.PhiRank} is not deficient");
        // ... the point is on the optimal face: residual at rounding level on every row, the optimality
        // conditions, and the optimum of GLOP (and of the vertex) to rounding, ...
        var yScale = Math.Max(1, problem.Labels.Max(Math.Abs));
        var residual = OptimalityConditions.Residual(problem, central.OuterWeights);
        Assert.True(residual <= 1e-11 * yScale, $"{family}: residual {residual:G3} on all {problem.SampleCount} rows");
        OptimalityConditions.AssertOptimal(problem, central);
        var glop = GlopReference.Solve(problem.Phi, problem.Labels, problem.Weights);
        AssertRelative(glop.Objective, central.Objective, SameObjective, $"{family}: central objective vs GLOP");
        Assert.Equal(SolverStatus.Solved, vertex.Status);
        AssertRelative(vertex.Objective, central.Objective, SameObjective, $"{family}: central vs vertex objective");
        // ... and it is the face's analytic centre: 1/a_S lies in the row space of Φ_S.
        var (distance, dimension) = CentringCondition(problem, central.OuterWeights);
        Assert.True(distance <= Centred, $"{family}: 1/a_S is {distance:G3} (relative) outside the row space of Φ_S (face dimension {dimension})");
    }

    [Theory]
    [InlineData("twins-and-duplicated-samples relu 12")]
    [InlineData("combined-columns 8")]
    public void GivenAFaceOfPositiveDimension_WhenSolvedForTheCentralPoint_ThenItIsNotAVertex(string family)
    {
        // The families above that were built with a face of positive dimension really have one: otherwise the
        // centring condition would hold trivially.
        var problem = Family(family);

        var central = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default, new SolverSettings { Point = OptimalPoint.Central });

        var (_, dimension) = CentringCondition(problem, central.OuterWeights);
        Assert.True(dimension >= 1, $"{family}: the face has dimension {dimension}");
        Assert.DoesNotContain("dimension 0", central.Message);
    }

    [Fact]
    public void GivenATinyRankDeficientLpWithAPlaneOfOptima_WhenSolvedForTheCentralPoint_ThenABruteForceMaximisationOfTheBarrierOnTheFaceAgrees()
    {
        // Given: two columns that are positive combinations of optimal ones at the same cost (a face of
        // dimension 2) and two dependent samples.
        var problem = CombinedColumns(8);
        var glop = GlopReference.Solve(problem.Phi, problem.Labels, problem.Weights);

        // When
        var central = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default, new SolverSettings { Point = OptimalPoint.Central });

        // Then: GLOP, asked for the largest and smallest a_j over the optimal set, finds exactly the solver's
        // support with its signs: the face is the one the solver centred.
        Assert.Equal(SolverStatus.Solved, central.Status);
        var a = central.OuterWeights;
        var scale = a.Max(Math.Abs);
        for (var j = 0; j < a.Length; j++)
        {
            var (low, high) = FaceExtent(problem, glop.Objective, j);
            if (a[j] == 0)
                Assert.True(Math.Max(Math.Abs(low), Math.Abs(high)) <= 1e-7 * scale, $"a_{j} = 0 at the centre but ranges over [{low:G3}, {high:G3}] on the face");
            else
                Assert.True(a[j] > 0 ? low > -1e-7 * scale && high > 1e-6 * scale : high < 1e-7 * scale && low < -1e-6 * scale,
                    $"a_{j} = {a[j]:G6} at the centre, [{low:G3}, {high:G3}] on the face");
        }
        // Nelder–Mead on the face's own parametrisation a_S = a₀ + N z (N from an SVD of Φ_S), started away
        // from the solver's point, climbs the barrier Σ log|a_j| to the same point.
        var support = Enumerable.Range(0, a.Length).Where(j => a[j] != 0).ToArray();
        var phiS = Matrix<double>.Build.Dense(problem.SampleCount, support.Length, (i, k) => problem.Phi[i, support[k]]);
        var svd = phiS.Svd(computeVectors: true);
        var rank = svd.S.Count(s => s > 1e-10 * svd.S[0]);
        var nullSpace = svd.VT.SubMatrix(rank, support.Length - rank, 0, support.Length).Transpose();
        Assert.Equal(2, nullSpace.ColumnCount);
        var a0 = Vector<double>.Build.DenseOfEnumerable(support.Select(j => a[j]));
        var sign = a0.Map(v => (double)Math.Sign(v));
        double Barrier(Vector<double> z)
        {
            var point = a0 + nullSpace * z;
            var value = 0.0;
            for (var k = 0; k < point.Count; k++)
            {
                if (!(point[k] * sign[k] > 0)) return double.PositiveInfinity;
                value -= Math.Log(Math.Abs(point[k]));
            }
            return value;
        }
        // A start a third of the way to the face's boundary along a fixed direction.
        var direction = nullSpace * Vector<double>.Build.DenseOfArray([0.6, -0.8]);
        var reach = Enumerable.Range(0, support.Length).Where(k => direction[k] * sign[k] < 0).Min(k => -a0[k] / direction[k]);
        var start = Vector<double>.Build.DenseOfArray([0.6, -0.8]) * (reach / 3);
        Assert.True(Barrier(start) > Barrier(Vector<double>.Build.Dense(2)) + 1e-3, "the start is not off-centre");
        var found = NelderMeadSimplex.Minimum(ObjectiveFunction.Value(Barrier), start, convergenceTolerance: 1e-15, maximumIterations: 20000);
        var brute = a0 + nullSpace * found.MinimizingPoint;
        for (var k = 0; k < support.Length; k++)
            Assert.True(Math.Abs(brute[k] - a0[k]) <= 1e-6 * scale, $"a_{support[k]}: brute force {brute[k]:G10}, solver {a0[k]:G10}");
        Assert.True(Barrier(Vector<double>.Build.Dense(2)) <= found.FunctionInfoAtMinimum.Value + 1e-12,
            $"the solver's point has barrier {Barrier(Vector<double>.Build.Dense(2)):G17}, the brute force {found.FunctionInfoAtMinimum.Value:G17}");
    }

    [Theory]
    [InlineData("twins-and-duplicated-samples relu 12")]
    [InlineData("correlated relu 0.95 1")]
    public void GivenTheSameDegenerateInstance_WhenTheCentralPointIsSolvedTwice_ThenTheResultsAreBitIdentical(string family)
    {
        var first = FlattestInterpolatorSolver.Solve(Family(family), DenseKernels.Default, new SolverSettings { Point = OptimalPoint.Central });
        var second = FlattestInterpolatorSolver.Solve(Family(family), DenseKernels.Default, new SolverSettings { Point = OptimalPoint.Central });

        Assert.Equal(SolverStatus.Solved, first.Status);
        Assert.Equal(first.OuterWeights.Select(BitConverter.DoubleToInt64Bits), second.OuterWeights.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(first.Dual.Select(BitConverter.DoubleToInt64Bits), second.Dual.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(BitConverter.DoubleToInt64Bits(first.Objective), BitConverter.DoubleToInt64Bits(second.Objective));
        Assert.Equal((first.Iterations, first.Message), (second.Iterations, second.Message));
    }

    [OpenBlasTheory]
    [InlineData("twins-and-duplicated-samples abs 13")]
    [InlineData("correlated leaky-relu:0.1 0.98 4")]
    public void GivenTheManagedKernels_WhenTheCentralPointOfADegenerateLpIsSolved_ThenTheyAgreeWithOpenBlas(string family)
    {
        var problem = Family(family);
        var settings = new SolverSettings { Point = OptimalPoint.Central };

        var managed = FlattestInterpolatorSolver.Solve(problem, ManagedKernels.Instance, settings);
        var native = FlattestInterpolatorSolver.Solve(problem, OpenBlas.Kernels, settings);

        Assert.True(managed.Status == SolverStatus.Solved, $"managed: {managed.Status}: {managed.Message}");
        Assert.True(native.Status == SolverStatus.Solved, $"OpenBLAS: {native.Status}: {native.Message}");
        var scale = native.OuterWeights.Max(Math.Abs);
        var worst = managed.OuterWeights.Zip(native.OuterWeights, (u, v) => Math.Abs(u - v)).Max();
        Assert.True(worst <= 1e-8 * scale, $"managed and OpenBLAS central points differ by {worst:G3} (‖a‖∞ = {scale:G3})");
    }

    [Fact]
    public void GivenTooFewIterations_WhenTheCentralPointIsAsked_ThenTheStatusSaysWhyItWasNotCertified()
    {
        // The interior point stops far from the optimum: the centre of the face its last iterate shows cannot be
        // certified, and the message says so instead of a bare max_iterations.
        var problem = Family("correlated relu 0.95 1");

        var result = FlattestInterpolatorSolver.Solve(problem, DenseKernels.Default, new SolverSettings { Point = OptimalPoint.Central, MaxIterations = 2 });

        Assert.Equal(SolverStatus.MaxIterations, result.Status);
        Assert.Contains("central point was not certified", result.Message);
        Assert.True(double.IsNaN(result.Objective) && result.OuterWeights.Length == 0);
    }

    /// <summary>
    /// ‖(I − P) g‖ / ‖g‖ for g = 1/a_S, P the projection onto the row space of Φ_S (the stationarity condition of
    /// max Σ_S log|a_j| on {Φ_S a_S = y}; the weights c_j only add a constant to the barrier), and the face's
    /// dimension |S| − rank Φ_S.
    /// </summary>
    private static (double Distance, int Dimension) CentringCondition(FlattestInterpolatorProblem problem, double[] a)
    {
        var support = Enumerable.Range(0, a.Length).Where(j => a[j] != 0).ToArray();
        var phiS = Matrix<double>.Build.Dense(problem.SampleCount, support.Length, (i, k) => problem.Phi[i, support[k]]);
        var svd = phiS.Svd(computeVectors: true);
        var rank = svd.S.Count(s => s > 1e-10 * svd.S[0]);
        var g = Vector<double>.Build.DenseOfEnumerable(support.Select(j => 1 / a[j]));
        var rows = svd.VT.SubMatrix(0, rank, 0, support.Length);
        var outside = g - rows.TransposeThisAndMultiply(rows * g);
        return (outside.L2Norm() / g.L2Norm(), support.Length - rank);
    }

    /// <summary>min and max of a_j over the optimal set {Φa = y, Σ c|a| ≤ optimum (1 + 1e-12)}, by GLOP.</summary>
    private static (double Low, double High) FaceExtent(FlattestInterpolatorProblem problem, double optimum, int j)
    {
        double Extreme(bool maximise)
        {
            using var solver = Solver.CreateSolver("GLOP")!;
            var n = problem.SampleCount;
            var m = problem.NeuronCount;
            var u = Enumerable.Range(0, m).Select(c => solver.MakeNumVar(0, double.PositiveInfinity, $"u{c}")).ToArray();
            var v = Enumerable.Range(0, m).Select(c => solver.MakeNumVar(0, double.PositiveInfinity, $"v{c}")).ToArray();
            for (var i = 0; i < n; i++)
            {
                var row = solver.MakeConstraint(problem.Labels[i], problem.Labels[i]);
                for (var c = 0; c < m; c++)
                {
                    row.SetCoefficient(u[c], problem.Phi[i, c]);
                    row.SetCoefficient(v[c], -problem.Phi[i, c]);
                }
            }
            var cost = solver.MakeConstraint(double.NegativeInfinity, optimum * (1 + 1e-12));
            for (var c = 0; c < m; c++)
            {
                cost.SetCoefficient(u[c], problem.Weights[c]);
                cost.SetCoefficient(v[c], problem.Weights[c]);
            }
            var objective = solver.Objective();
            objective.SetCoefficient(u[j], 1);
            objective.SetCoefficient(v[j], -1);
            if (maximise) objective.SetMaximization();
            else objective.SetMinimization();
            using var parameters = new MPSolverParameters();
            parameters.SetDoubleParam(MPSolverParameters.DoubleParam.PRIMAL_TOLERANCE, 1e-10);
            parameters.SetDoubleParam(MPSolverParameters.DoubleParam.DUAL_TOLERANCE, 1e-10);
            Assert.Equal(Solver.ResultStatus.OPTIMAL, solver.Solve(parameters));
            return u[j].SolutionValue() - v[j].SolutionValue();
        }
        return (Extreme(false), Extreme(true));
    }

    /// <summary>The instance a family name describes (docs/model.md §6 data, the network's own activation).</summary>
    private static FlattestInterpolatorProblem Family(string family)
    {
        var parts = family.Split(' ');
        var seed = ulong.Parse(parts[^1]);
        return parts[0] switch
        {
            "correlated" => Correlated(parts[1], LinkKind.SingleIndex, double.Parse(parts[2]), seed),
            "linear-link" => Correlated(parts[1], LinkKind.Linear, double.Parse(parts[2]), seed),
            "duplicated-samples" => DuplicatedSamples(SolverInstance.Network(parts[1], 24, 72, 5, seed)).Problem,
            "linear-network" => SolverInstance.Network("linear", int.Parse(parts[1]), int.Parse(parts[2]), int.Parse(parts[3]), seed, noise: 0).Problem,
            "twins-and-duplicated-samples" => WithTwinOfHeaviest(DuplicatedSamples(SolverInstance.Network(parts[1], 20, 60, 5, seed))),
            "correlated-with-twins" => WithTwinOfHeaviest(CorrelatedInstance(parts[1], LinkKind.SingleIndex, double.Parse(parts[2]), seed)),
            "combined-columns" => CombinedColumns(seed),
            _ => throw new ArgumentException($"unknown family {family}"),
        };
    }

    private static FlattestInterpolatorProblem Correlated(string activation, LinkKind link, double rho, ulong seed) =>
        CorrelatedInstance(activation, link, rho, seed).Problem;

    /// <summary>Noiseless single-index labels and every w_j at correlation ρ with u: n = 40, m = 120, d = 6.</summary>
    private static SolverInstance CorrelatedInstance(string activation, LinkKind link, double rho, ulong seed)
    {
        var sigma = ActivationParser.Parse(activation);
        var random = new RandomSource(seed);
        var model = DataModelFactory.Create(new DataModelSpec(6, 1, link, sigma), random.Fork("model"));
        var data = DataSampler.Sample(model, 40, random.Fork("sample"));
        var w = CorrelatedWeights.Sample(model.Directions, 120, rho, random.Fork("inner"));
        return SolverInstance.Build(data.Features, data.Labels, w, sigma, OuterWeighting.Exact);
    }

    /// <summary>Rows 1 and 5 repeat rows 0 and 2, features and labels: rank n − 2, consistent.</summary>
    private static SolverInstance DuplicatedSamples(SolverInstance instance)
    {
        var x = instance.X.Clone();
        var y = instance.Labels.ToArray();
        x.SetRow(1, x.Row(0));
        x.SetRow(5, x.Row(2));
        (y[1], y[5]) = (y[0], y[2]);
        return SolverInstance.Build(x, y, instance.W, instance.Activation, instance.Weighting);
    }

    /// <summary>The heaviest neuron of GLOP's optimum appended again: the vertex becomes an edge of optima.</summary>
    private static FlattestInterpolatorProblem WithTwinOfHeaviest(SolverInstance instance)
    {
        var glop = GlopReference.Solve(instance.Problem.Phi, instance.Problem.Labels, instance.Problem.Weights);
        var heaviest = Enumerable.Range(0, glop.Weights.Length).MaxBy(j => Math.Abs(glop.Weights[j]));
        return instance.WithDuplicatedNeuron(heaviest).Problem;
    }

    /// <summary>
    /// A random 6 × 15 problem whose GLOP optimum a* has support B, extended by two columns σ_j φ_j/2 + σ_l φ_l/2
    /// (σ = sign a*) for pairs j, l in B, at cost (c_j + c_l)/2 (as cheap as the pair they combine, so the optimal
    /// set becomes a face of dimension 2), and by two dependent samples: a copy of row 0 and the sum of rows 1
    /// and 2, with their labels (rank 6 &lt; n = 8).
    /// </summary>
    private static FlattestInterpolatorProblem CombinedColumns(ulong seed)
    {
        const int n0 = 6, m0 = 15;
        var random = new RandomSource(seed);
        var phi0 = SolverInstance.GaussianMatrix(n0, m0, random.Fork("phi"));
        var y0 = new double[n0];
        random.Fork("labels").FillGaussian(y0);
        var weights = random.Fork("weights");
        var c0 = Enumerable.Range(0, m0).Select(_ => 0.5 + 1.5 * weights.NextDouble()).ToArray();
        var vertex = GlopReference.Solve(phi0, y0, c0).Weights;
        var basis = Enumerable.Range(0, m0).OrderByDescending(j => Math.Abs(vertex[j])).Take(4).ToArray();
        (int J, int L)[] pairs = [(basis[0], basis[1]), (basis[2], basis[3])];
        var phi = new DenseMatrix(n0 + 2, m0 + pairs.Length);
        var c = new double[m0 + pairs.Length];
        for (var j = 0; j < m0; j++)
        {
            phi.SetColumn(j, Extend(phi0.Column(j)));
            c[j] = c0[j];
        }
        for (var k = 0; k < pairs.Length; k++)
        {
            var (j, l) = pairs[k];
            var column = phi0.Column(j) * (Math.Sign(vertex[j]) * 0.5) + phi0.Column(l) * (Math.Sign(vertex[l]) * 0.5);
            phi.SetColumn(m0 + k, Extend(column));
            c[m0 + k] = 0.5 * (c0[j] + c0[l]);
        }
        var y = Extend(Vector<double>.Build.DenseOfArray(y0)).ToArray();
        return new FlattestInterpolatorProblem(phi, y, c, 1, double.NaN).Validate();

        static Vector<double> Extend(Vector<double> v) =>
            Vector<double>.Build.DenseOfEnumerable(v.Concat([v[0], v[1] + v[2]]));
    }

    private static void AssertRelative(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Max(1, Math.Abs(expected)),
            $"{what}: {actual:G17} vs {expected:G17} (relative {Math.Abs(actual - expected) / Math.Max(1, Math.Abs(expected)):G3})");
}
