namespace FlatLab.Bench;

/// <summary>Which benchmark to run.</summary>
public enum BenchMode
{
    /// <summary>FlatLab's flattest-interpolator solver against OR-Tools GLOP and the Python peers.</summary>
    Solver,
    /// <summary>OpenBLAS against the managed fallback on the solver's two dense kernels.</summary>
    Kernels,
    /// <summary>Training steps of the optimizers and the flattest-interpolator search (docs/optimizers.md).</summary>
    Training,
    /// <summary>The `paper` preset's wall time and time per case, and the exact population loss against Monte Carlo.</summary>
    Sweep,
    /// <summary>The warm reference of bench/cold-start.sh: read and solve one instance's files repeatedly in one process.</summary>
    WarmSolve,
}
