namespace FlatLab.Solvers;

/// <summary>
/// One step of a running solve, reported through <see cref="IProgress{T}"/> so a long solve can say what it is
/// doing; the library never draws it (the command line does, with the elapsed time).
/// </summary>
/// <param name="Stage">What runs: "diagnostics", "gram", "rank-revealing-qr", "interior-point", "dual-newton",
/// "crossover", "population-loss".</param>
/// <param name="Iteration">The iteration of an iterative stage (1, 2, ...); 0 when a stage starts.</param>
/// <param name="RelativeGap">|primal − dual| / max(1, |primal|) at that iteration; NaN when the stage has none.</param>
/// <param name="Residual">max |Ψ b − y| (the primal infeasibility) at that iteration; NaN when the stage has none.</param>
public sealed record SolverProgress(string Stage, int Iteration = 0, double RelativeGap = double.NaN, double Residual = double.NaN);
