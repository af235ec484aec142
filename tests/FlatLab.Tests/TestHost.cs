using System.Runtime.CompilerServices;
using FlatLab.LinearAlgebra;

namespace FlatLab.Tests;

/// <summary>The test process is a host like the command line: it fixes OpenBLAS's process-wide thread
/// count once, before any test runs, at one thread, as a sweep does. Tests then run in parallel without
/// any of them changing it, and in-process runs give the same bits as the command line's sweeps.</summary>
internal static class TestHost
{
    [ModuleInitializer]
    internal static void FixBlasThreads() => DenseKernels.ForHost(1);
}
