using System.Globalization;
using FlatLab.Experiments.Running;

namespace FlatLab.Cli.Sweep;

/// <summary>
/// <c>flatlab sweep --dry-run</c>: the cases per panel (grid cell) and in all, with an estimated time for the ρ
/// cases; nothing is written. Optimizer runs and searches are counted but not estimated: their time is set by
/// the steps they take before their convergence test stops them, which no size formula knows.
/// </summary>
internal static class SweepDryRun
{
    public static void Print(SweepCommandSpec command, TextWriter output)
    {
        var spec = command.Spec;
        var cases = SweepCase.Expand(spec).Where(command.Shard.Contains).ToList();
        var rhoCases = cases.Where(c => c.Kind == CaseKind.Rho).ToList();
        var panels = cases.GroupBy(c => c.Panel.Name)
            .Select(g => (Name: g.Key, Count: g.Count(), Rho: g.Count(c => c.Kind == CaseKind.Rho),
                Seconds: g.Where(c => c.Kind == CaseKind.Rho).Sum(c => CaseCostModel.Seconds(c.Panel))))
            .ToList();
        var width = Math.Max(5, panels.Count == 0 ? 0 : panels.Max(p => p.Name.Length));
        var shard = command.IsShard ? $" shard {command.Shard}" : "";
        output.WriteLine($"sweep {spec.Name}{shard}: dry run, nothing written");
        output.WriteLine($"{"panel".PadRight(width)}  {"cases",7}  {"ρ cases",7}  {"ρ cases, one thread",19}");
        foreach (var (name, count, rho, seconds) in panels)
            output.WriteLine($"{name.PadRight(width)}  {count,7}  {rho,7}  {ProgressLine.WallTime(TimeSpan.FromSeconds(seconds)),19}");
        var total = panels.Sum(p => p.Seconds);
        var wall = total / Math.Min(command.Threads, Math.Max(1, rhoCases.Count));
        output.WriteLine($"{"total".PadRight(width)}  {cases.Count,7}  {rhoCases.Count,7}  {ProgressLine.WallTime(TimeSpan.FromSeconds(total)),19}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"estimated wall time of the ρ cases: {ProgressLine.WallTime(TimeSpan.FromSeconds(wall))} on {command.Threads} thread{(command.Threads == 1 ? "" : "s")} " +
            $"({rhoCases.Count} cases, {(rhoCases.Count == 0 ? 0 : total / rhoCases.Count):G3} s per case on average)"));
        var runs = cases.Count(c => c.Kind == CaseKind.Train);
        var searches = cases.Count(c => c.Kind == CaseKind.Search);
        if (runs + searches > 0)
            output.WriteLine($"not estimated: {runs} optimizer run{(runs == 1 ? "" : "s")} and {searches} search{(searches == 1 ? "" : "es")}, " +
                             "whose time is set by the steps they take before their convergence test stops them " +
                             "(the presets' measured times: docs/benchmarks.md)");
        output.WriteLine($"estimate: {CaseCostModel.Formula}, fitted to measured case times on a 2-core machine " +
                         "(docs/benchmarks.md#case-cost-model); a loaded or other machine differs");
    }
}
