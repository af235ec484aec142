namespace FlatLab.LinearAlgebra;

/// <summary>
/// The host's choice of kernels (the command line, the tests, the benchmarks). The library never picks
/// kernels or touches OpenBLAS's thread count itself: every routine takes the kernels it is given.
/// </summary>
public static class DenseKernels
{
    private static readonly Lazy<IDenseKernels> Detected =
        new(() => (IDenseKernels?)OpenBlasKernels.TryLoad() ?? ManagedKernels.Instance);

    /// <summary>The fastest kernels this machine has, detected once: OpenBLAS if installed, else managed.</summary>
    public static IDenseKernels Default => Detected.Value;

    /// <summary>
    /// For a host, once at process start: <see cref="Default"/> with OpenBLAS's process-wide thread
    /// count set to <paramref name="blasThreads"/> (ignored by the managed kernels). OpenBLAS's gemm,
    /// gemv, potrf, getrf and dsyevd round differently with different thread counts, so a host that
    /// wants bits that do not depend on the machine fixes the count here, before any computation.
    /// </summary>
    public static IDenseKernels ForHost(int blasThreads)
    {
        if (blasThreads < 1) throw new ArgumentException($"The BLAS thread count must be >= 1, got {blasThreads}.", nameof(blasThreads));
        var kernels = Default;
        if (kernels is OpenBlasKernels blas) blas.ThreadCount = blasThreads;
        return kernels;
    }
}
