using FlatLab.LinearAlgebra;

namespace FlatLab.Population;

/// <summary>
/// E[f²] = Σ_{j,l} ã_j ã_l E[σ(ŵ_j·x) σ(ŵ_l·x)], the m × m part of L_D (docs/model.md §7). The Gram cosines
/// come from one matrix multiply per block of neurons (so memory stays O(m · block)); kernels
/// are evaluated in parallel, each row summed in order and the rows added in order, so the
/// result does not depend on the number of threads.
/// </summary>
internal static class GramSum
{
    private const int BlockSize = 256;

    public static double NetworkPower(NetworkExpansion network, IDenseKernels kernels)
    {
        var kernel = new ActivationPairKernel(network.Activation, network.Activation);
        var m = network.Width;
        var d = network.Dimension;
        var a = network.Scaled;
        var rowSums = new double[m]; // Σ_{l<j} ã_l K(c_jl): the matrix is symmetric.
        // One block and one product buffer for all blocks (the last, shorter block has its own): a
        // fresh m × block array per block would be garbage the size of the m × m matrix over the loop.
        var block = new double[Math.Min(BlockSize, m) * d];
        var cosines = new double[m * Math.Min(BlockSize, m)];
        for (var start = 0; start < m; start += BlockSize)
        {
            var count = Math.Min(BlockSize, m - start);
            if (count * d < block.Length) (block, cosines) = (new double[count * d], new double[m * count]); // the kernels take exact sizes
            network.UnitRows.AsSpan(start * d, count * d).CopyTo(block); // column jj of cosines holds ŵ_l·ŵ_{start+jj} for all l.
            kernels.Multiply(true, false, m, count, d, network.UnitRows, block, cosines);
            var first = start;
            Parallel.For(0, count, jj =>
            {
                var j = first + jj;
                if (a[j] == 0) return;
                var offset = jj * m;
                var sum = 0.0;
                for (var l = 0; l < j; l++)
                    if (a[l] != 0) sum += a[l] * kernel.Evaluate(cosines[offset + l]);
                rowSums[j] = sum;
            });
        }
        var diagonal = kernel.Evaluate(1);
        var total = 0.0;
        for (var j = 0; j < m; j++) total += a[j] * (2 * rowSums[j] + a[j] * diagonal);
        return total;
    }
}
