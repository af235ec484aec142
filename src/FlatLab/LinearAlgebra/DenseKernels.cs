namespace FlatLab.LinearAlgebra;

/// <summary>Picks the fastest kernels this machine has, once: OpenBLAS if installed, else managed.</summary>
public static class DenseKernels
{
    private static readonly Lazy<IDenseKernels> Detected =
        new(() => (IDenseKernels?)OpenBlasKernels.TryLoad() ?? ManagedKernels.Instance);

    public static IDenseKernels Default => Detected.Value;
}
