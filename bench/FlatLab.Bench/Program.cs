using System.Globalization;
using FlatLab.Bench;
using FlatLab.LinearAlgebra;

// Usage: dotnet run -c Release --project bench/FlatLab.Bench -- solver|kernels|training|sweep|warm-solve [--sizes 250,500,1000,2000] [--out DIR]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

try
{
    var options = BenchOptions.Parse(args);
    // As the command line: one OpenBLAS thread per case for the sweep, every core for single solves.
    DenseKernels.ForHost(options.Mode == BenchMode.Sweep ? 1 : Environment.ProcessorCount);
    return options.Mode switch
    {
        BenchMode.Solver => SolverBenchmark.Run(options, Console.Out),
        BenchMode.Kernels => KernelBenchmark.Run(options, Console.Out),
        BenchMode.Training => TrainingBenchmark.Run(options, Console.Out),
        BenchMode.Sweep => SweepBenchmark.Run(options, Console.Out),
        BenchMode.WarmSolve => WarmSolveBenchmark.Run(options, Console.Out),
        _ => 2,
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"flatlab-bench: {e.Message}");
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
