using System.Runtime.InteropServices;
using FlatLab.LinearAlgebra;

namespace FlatLab.Bench;

/// <summary>Where a benchmark ran: recorded with every result table.</summary>
public sealed record MachineInfo(string Cpu, int Cores, string Blas, string Runtime, string Os, string OrTools, string Load)
{
    public static MachineInfo Capture() => new(
        CpuModel(),
        Environment.ProcessorCount,
        DenseKernels.Default.Name,
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription,
        typeof(Google.OrTools.LinearSolver.Solver).Assembly.GetName().Version?.ToString() ?? "unknown",
        LoadAverage());

    /// <summary>The 1, 5 and 15 minute load averages: other work on the machine slows every method.</summary>
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} {parts[1]} {parts[2]}";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    public IEnumerable<string> MarkdownLines()
    {
        yield return $"- CPU: {Cpu}, {Cores} logical cores";
        yield return $"- BLAS: {Blas}";
        yield return $"- Runtime: {Runtime} on {Os}";
        yield return $"- OR-Tools: {OrTools}";
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
