using System.Diagnostics;
using FlatLab.Solvers;
using Google.OrTools.LinearSolver;

namespace FlatLab.Bench;

/// <summary>
/// The p = 1 problem as a plain LP for OR-Tools GLOP (dual simplex): a = u − v with u, v ≥ 0,
/// minimise Σ c_j (u_j + v_j) subject to Φ(u − v) = y. Dead neurons (c_j = 0) get no variables.
/// </summary>
public static class GlopBaseline
{
    /// <summary>The outcome of one GLOP solve; <paramref name="BuildSeconds"/> (the model's
    /// construction through the wrapper) is kept apart from the solve.</summary>
    public sealed record GlopResult(string Status, double Seconds, double BuildSeconds, long Iterations, double Objective, double Residual);

    public static GlopResult Solve(FlattestInterpolatorProblem problem, double timeLimitSeconds)
    {
        if (problem.P != 1) throw new ArgumentException($"GLOP solves the LP case p = 1 only, got p = {problem.P}.");
        var build = Stopwatch.StartNew();
        using var solver = Solver.CreateSolver("GLOP")
            ?? throw new InvalidOperationException("OR-Tools could not create the GLOP solver.");
        var n = problem.SampleCount;
        var m = problem.NeuronCount;
        var live = Enumerable.Range(0, m).Where(j => problem.Weights[j] > 0).ToArray();
        var plus = new Variable[live.Length];
        var minus = new Variable[live.Length];
        var objective = solver.Objective();
        for (var k = 0; k < live.Length; k++)
        {
            plus[k] = solver.MakeNumVar(0, double.PositiveInfinity, $"u{live[k]}");
            minus[k] = solver.MakeNumVar(0, double.PositiveInfinity, $"v{live[k]}");
            objective.SetCoefficient(plus[k], problem.Weights[live[k]]);
            objective.SetCoefficient(minus[k], problem.Weights[live[k]]);
        }
        objective.SetMinimization();
        var phi = problem.Phi.Values;
        for (var i = 0; i < n; i++)
        {
            var row = solver.MakeConstraint(problem.Labels[i], problem.Labels[i], $"y{i}");
            for (var k = 0; k < live.Length; k++)
            {
                var v = phi[i + live[k] * n];
                if (v == 0) continue;
                row.SetCoefficient(plus[k], v);
                row.SetCoefficient(minus[k], -v);
            }
        }
        solver.SetTimeLimit((long)(timeLimitSeconds * 1000));
        build.Stop();

        var clock = Stopwatch.StartNew();
        var status = solver.Solve();
        clock.Stop();
        var name = status.ToString().ToLowerInvariant();
        if (status != Solver.ResultStatus.OPTIMAL)
            return new GlopResult(name, clock.Elapsed.TotalSeconds, build.Elapsed.TotalSeconds, solver.Iterations(), double.NaN, double.NaN);

        var a = new double[m];
        for (var k = 0; k < live.Length; k++) a[live[k]] = plus[k].SolutionValue() - minus[k].SolutionValue();
        var residual = 0.0;
        for (var i = 0; i < n; i++)
        {
            var s = 0.0;
            for (var j = 0; j < m; j++) s += phi[i + j * n] * a[j];
            residual = Math.Max(residual, Math.Abs(s - problem.Labels[i]));
        }
        var value = 0.0;
        for (var j = 0; j < m; j++) value += problem.Weights[j] * Math.Abs(a[j]);
        return new GlopResult(name, clock.Elapsed.TotalSeconds, build.Elapsed.TotalSeconds, solver.Iterations(), value, residual);
    }
}
