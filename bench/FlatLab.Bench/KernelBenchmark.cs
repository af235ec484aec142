using System.Diagnostics;
using System.Globalization;
using System.Text;
using FlatLab.LinearAlgebra;
using FlatLab.Randomness;

namespace FlatLab.Bench;

/// <summary>
/// OpenBLAS against the managed fallback on the two kernels that dominate a solve: the Gram
/// matrix Φ Φᵀ (syrk, n = 1000, m = 2000, n²m flops) and its Cholesky factor (n = 1000, n³/3 flops).
/// </summary>
public static class KernelBenchmark
{
    private const int N = 1000;
    private const int M = 2000;
    private const int Repetitions = 3;

    public static int Run(BenchOptions options, TextWriter output)
    {
        var machine = MachineInfo.Capture();
        var started = DateTime.UtcNow;
        var native = OpenBlasKernels.TryLoad();
        if (native is null) output.WriteLine("Note: OpenBLAS (libopenblas.so.0) is not installed; only the managed kernels run.");
        IDenseKernels[] backends = native is null ? [ManagedKernels.Instance] : [native, ManagedKernels.Instance];

        var random = new RandomSource(options.Seed).Fork("kernels");
        var a = new double[N * M];
        random.FillGaussian(a);
        // A well-conditioned SPD matrix for the factorisation: A Aᵀ / m + I.
        var spd = new double[N * N];
        ManagedKernels.Instance.SymmetricRankK(N, M, a, spd);
        for (var j = 0; j < N; j++)
            for (var i = j; i < N; i++)
                spd[i + j * N] = spd[j + i * N] = spd[i + j * N] / M + (i == j ? 1 : 0);

        var syrkFlops = (double)N * N * M;
        var cholFlops = (double)N * N * N / 3;
        var kernelNames = new[] { "SymmetricRankK (n = 1000, m = 2000)", "CholeskyFactor (n = 1000)" };
        var flops = new[] { syrkFlops, cholFlops };
        // seconds[kernel, backend]
        var seconds = new double[2, backends.Length];
        for (var b = 0; b < backends.Length; b++)
        {
            var kernels = backends[b];
            var c = new double[N * N];
            seconds[0, b] = Best(() => kernels.SymmetricRankK(N, M, a, c), () => { });
            var work = new double[N * N];
            seconds[1, b] = Best(() =>
            {
                if (!kernels.CholeskyFactor(N, work)) throw new InvalidOperationException("Cholesky failed on an SPD matrix.");
            }, () => Array.Copy(spd, work, spd.Length));
            Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {kernels.Name}: syrk {seconds[0, b]:F3} s, potrf {seconds[1, b]:F3} s");
        }

        var text = new StringBuilder();
        text.AppendLine($"# Kernel benchmark, {started:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        foreach (var line in machine.MarkdownLines()) text.AppendLine(line);
        text.AppendLine($"- Load average (1, 5, 15 min) before: {machine.Load}; after: {MachineInfo.LoadAverage()}");
        text.AppendLine($"- Best of {Repetitions}; flops counted as n²m for syrk and n³/3 for Cholesky for both backends " +
                        "(the managed syrk computes the full product, twice the work)");
        text.AppendLine();
        var csv = new StringBuilder("kernel,backend,seconds,gflops\n");
        var header = string.Join(" | ", backends.Select(k => $"{ShortName(k)} s | {ShortName(k)} GFLOP/s"));
        text.AppendLine($"| kernel | {header} |{(backends.Length == 2 ? " OpenBLAS / managed |" : "")}");
        text.AppendLine($"|---|{string.Concat(Enumerable.Repeat("---:|---:|", backends.Length))}{(backends.Length == 2 ? "---:|" : "")}");
        for (var k = 0; k < kernelNames.Length; k++)
        {
            var cells = new List<string>();
            for (var b = 0; b < backends.Length; b++)
            {
                var gflops = flops[k] / seconds[k, b] / 1e9;
                cells.Add(seconds[k, b].ToString("0.000", CultureInfo.InvariantCulture));
                cells.Add(gflops.ToString("0.00", CultureInfo.InvariantCulture));
                csv.AppendLine(string.Create(CultureInfo.InvariantCulture,
                    $"\"{kernelNames[k]}\",\"{backends[b].Name}\",{seconds[k, b]:R},{gflops:R}"));
            }
            if (backends.Length == 2)
                cells.Add((seconds[k, 1] / seconds[k, 0]).ToString("0.0", CultureInfo.InvariantCulture) + "x");
            text.AppendLine($"| {kernelNames[k]} | {string.Join(" | ", cells)} |");
        }
        output.WriteLine();
        output.Write(text);
        Directory.CreateDirectory(options.OutputDirectory);
        var stem = Path.Combine(options.OutputDirectory, $"kernels-{started:yyyyMMdd-HHmm}");
        File.WriteAllText(stem + ".md", text.ToString());
        File.WriteAllText(stem + ".csv", csv.ToString());
        output.WriteLine($"Written {stem}.md and {stem}.csv");
        return 0;
    }

    private static string ShortName(IDenseKernels kernels) => kernels is OpenBlasKernels ? "OpenBLAS" : "managed";

    /// <summary>The best wall time of the kernel over the repetitions; <paramref name="reset"/> restores its input, untimed.</summary>
    private static double Best(Action kernel, Action reset)
    {
        var best = double.PositiveInfinity;
        for (var r = 0; r < Repetitions; r++)
        {
            reset();
            var clock = Stopwatch.StartNew();
            kernel();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return best;
    }
}
