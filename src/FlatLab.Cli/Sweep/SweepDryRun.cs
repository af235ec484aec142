using System.Globalization;
using FlatLab.Experiments.Running;

namespace FlatLab.Cli.Sweep;

/// <summary><c>flatlab sweep --dry-run</c>: the cases per panel (grid cell) and in all, with an estimated time; nothing is written.</summary>
internal static class SweepDryRun
{
    public static void Print(SweepCommandSpec command, TextWriter output)
    {
        var spec = command.Spec;
        var cases = SweepCase.Expand(spec).Where(command.Shard.Contains).ToList();
        var panels = cases.GroupBy(c => c.Panel.Name)
            .Select(g => (Name: g.Key, Count: g.Count(), Seconds: g.Sum(c => CaseCostModel.Seconds(c.Panel))))
            .ToList();
        var width = Math.Max(5, panels.Count == 0 ? 0 : panels.Max(p => p.Name.Length));
        var shard = command.IsShard ? $" shard {command.Shard}" : "";
        output.WriteLine($"sweep {spec.Name}{shard}: dry run, nothing written");
        output.WriteLine($"{"panel".PadRight(width)}  {"cases",7}  {"one thread",10}");
        foreach (var (name, count, seconds) in panels)
            output.WriteLine($"{name.PadRight(width)}  {count,7}  {ProgressLine.WallTime(TimeSpan.FromSeconds(seconds)),10}");
        var total = panels.Sum(p => p.Seconds);
        var wall = total / Math.Min(command.Threads, Math.Max(1, cases.Count));
        output.WriteLine($"{"total".PadRight(width)}  {cases.Count,7}  {ProgressLine.WallTime(TimeSpan.FromSeconds(total)),10}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"estimated wall time: {ProgressLine.WallTime(TimeSpan.FromSeconds(wall))} on {command.Threads} thread{(command.Threads == 1 ? "" : "s")} " +
            $"({cases.Count} cases, {(cases.Count == 0 ? 0 : total / cases.Count):G3} s per case on average)"));
        output.WriteLine($"estimate: {CaseCostModel.Formula}, fitted to measured case times on a 2-core machine " +
                         "(docs/benchmarks.md#case-cost-model); a loaded or other machine differs");
    }
}
