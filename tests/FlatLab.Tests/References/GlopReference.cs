using Google.OrTools.LinearSolver;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.References;

/// <summary>
/// The p = 1 problem as a linear program solved by OR-Tools' GLOP (a primal/dual simplex code):
/// a = u − v with u, v ≥ 0, minimise Σ_j c_j (u_j + v_j) subject to Φ(u − v) = y. Neurons with
/// c_j = 0 get no variable (a_j = 0). The simplex vertex is then polished by solving Φ_S a_S = y on
/// its support S in least squares, which brings the residual from the simplex tolerance to rounding.
/// </summary>
public static class GlopReference
{
    /// <summary>|a_j| below this fraction of ‖a‖_∞ is treated as non-basic when polishing.</summary>
    private const double SupportThreshold = 1e-9;

    public static ReferenceSolution Solve(Matrix<double> phi, double[] y, double[] c)
    {
        var n = phi.RowCount;
        var m = phi.ColumnCount;
        using var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("GLOP is not available.");
        var plus = new Variable?[m];
        var minus = new Variable?[m];
        var objective = solver.Objective();
        for (var j = 0; j < m; j++)
        {
            if (c[j] == 0) continue;
            plus[j] = solver.MakeNumVar(0.0, double.PositiveInfinity, $"u{j}");
            minus[j] = solver.MakeNumVar(0.0, double.PositiveInfinity, $"v{j}");
            objective.SetCoefficient(plus[j], c[j]);
            objective.SetCoefficient(minus[j], c[j]);
        }
        objective.SetMinimization();
        var rows = new Constraint[n];
        for (var i = 0; i < n; i++)
        {
            rows[i] = solver.MakeConstraint(y[i], y[i], $"row{i}");
            for (var j = 0; j < m; j++)
            {
                if (plus[j] is null || phi[i, j] == 0) continue;
                rows[i].SetCoefficient(plus[j], phi[i, j]);
                rows[i].SetCoefficient(minus[j], -phi[i, j]);
            }
        }
        using var parameters = new MPSolverParameters();
        parameters.SetDoubleParam(MPSolverParameters.DoubleParam.PRIMAL_TOLERANCE, 1e-10);
        parameters.SetDoubleParam(MPSolverParameters.DoubleParam.DUAL_TOLERANCE, 1e-10);
        var status = solver.Solve(parameters);
        if (status != Solver.ResultStatus.OPTIMAL)
            throw new InvalidOperationException($"GLOP ended with status {status}.");

        var a = new double[m];
        for (var j = 0; j < m; j++)
            if (plus[j] is not null) a[j] = plus[j]!.SolutionValue() - minus[j]!.SolutionValue();
        var lambda = rows.Select(r => r.DualValue()).ToArray();
        a = Polish(phi, y, a);

        var objectiveValue = Objective(a, c);
        // The row duals must certify the objective: strong duality says y·λ equals it. GLOP's sign
        // convention is checked here rather than assumed; a mismatch of both signs is an error.
        var yl = y.Select((v, i) => v * lambda[i]).Sum();
        if (Math.Abs(yl + objectiveValue) < Math.Abs(yl - objectiveValue))
            lambda = lambda.Select(v => -v).ToArray();
        return new ReferenceSolution(objectiveValue, a, lambda, Residual(phi, y, a), (int)solver.Iterations());
    }

    /// <summary>Re-solves Φ_S a_S = y on the support S of <paramref name="a"/> (least squares, QR).</summary>
    public static double[] Polish(Matrix<double> phi, double[] y, double[] a)
    {
        var scale = a.Max(Math.Abs);
        var support = Enumerable.Range(0, a.Length).Where(j => Math.Abs(a[j]) > SupportThreshold * scale).ToArray();
        if (support.Length == 0 || support.Length > phi.RowCount) return a;
        var sub = Matrix<double>.Build.Dense(phi.RowCount, support.Length, (i, k) => phi[i, support[k]]);
        var solution = sub.QR().Solve(Vector<double>.Build.DenseOfArray(y));
        var polished = new double[a.Length];
        for (var k = 0; k < support.Length; k++) polished[support[k]] = solution[k];
        // Keep the polished point only if it really interpolates better (Φ_S of full column rank).
        return Residual(phi, y, polished) <= Residual(phi, y, a) ? polished : a;
    }

    public static double Objective(double[] a, double[] c) => a.Select((v, j) => c[j] * Math.Abs(v)).Sum();

    public static double Residual(Matrix<double> phi, double[] y, double[] a)
    {
        var r = phi * Vector<double>.Build.DenseOfArray(a) - Vector<double>.Build.DenseOfArray(y);
        return r.AbsoluteMaximum();
    }
}
