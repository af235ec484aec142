using FlatLab.Cli;
using FlatLab.LinearAlgebra;

// The process's one choice of OpenBLAS threads (process-wide), made before any computation: a sweep runs
// its cases in parallel with one BLAS thread each, so its rows never depend on --threads (OpenBLAS rounds
// differently with different thread counts); any other command has the machine's cores to itself.
DenseKernels.ForHost(args.FirstOrDefault() == "sweep" ? 1 : Environment.ProcessorCount);
return FlatLabApp.Run(args, Console.Out, Console.Error);
