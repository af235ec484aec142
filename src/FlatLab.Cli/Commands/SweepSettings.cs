using System.ComponentModel;
using System.Globalization;
using FlatLab.Cli.Sweep;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Specs;
using Spectre.Console.Cli;

namespace FlatLab.Cli.Commands;

/// <summary>
/// The options of <c>flatlab sweep</c>; <see cref="SpecSettings{TSpec}.ToSpec"/> checks all of them and the
/// spec before anything runs. The output folder is checked once, by the sweep runner, which owns it.
/// </summary>
internal sealed class SweepSettings : BootstrapSettings<SweepCommandSpec>
{
    [CommandOption("--preset <NAME>")]
    [Description("A built-in sweep: paper, fig2, fig3, fig4, atlas, smoke, optimizers, theory or theory-beyond (flatlab presets lists them).")]
    public string? Preset { get; init; }

    [CommandOption("--spec <FILE>")]
    [Description("A sweep spec file (JSON with comments; docs/sweeps.md). Start from: flatlab presets paper > my.jsonc")]
    public string? Spec { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("The run folder (created if missing): cases.jsonl, results, figures and report.")]
    public string? Out { get; init; }

    [CommandOption("--resume")]
    [Description("Continue the run in --out: finished cases are kept, the others run.")]
    public bool Resume { get; init; }

    [CommandOption("--repair")]
    [Description("With --resume: move damaged lines of cases.jsonl and rows that are not cases of the spec to cases.quarantine.jsonl, and compute those cases again.")]
    public bool Repair { get; init; }

    [CommandOption("--shard <I/N>")]
    [Description("Run only part I of N (0 <= I < N): the cases whose index is I modulo N. Join the parts with flatlab merge.")]
    public string? Shard { get; init; }

    [CommandOption("--max-memory <SIZE>")]
    [Description("Refuse up front a sweep whose largest case's estimated peak memory exceeds SIZE (e.g. 3G). Always refused: above the available memory or cgroup limit.")]
    public string? MaxMemory { get; init; }

    [CommandOption("--dry-run")]
    [Description("Check the spec and options, print the number of cases per panel and in all with an estimated time, and write nothing.")]
    public bool DryRun { get; init; }

    [CommandOption("--threads <T>")]
    [Description("Cases solved at once. Default: the number of cores.")]
    public int? Threads { get; init; }

    protected override SweepCommandSpec BuildSpec()
    {
        if ((Preset is null) == (Spec is null))
            throw new InputException("Give exactly one of --preset NAME and --spec FILE.");
        var (spec, source) = Preset is not null ? FromPreset(Preset) : FromFile(Spec!);
        if (Resamples is not null || Level is not null || BootstrapSeed is not null)
            spec = spec with { Statistics = OptionParsing.Statistics(spec.Statistics, Resamples, Level, BootstrapSeed) };
        // A dry run writes nothing, so it needs no folder (one given is not touched).
        var output = DryRun && Out is null ? "" : OptionParsing.Required(Out, "--out");
        var shard = ShardSpec.All;
        if (Shard is not null)
        {
            try { shard = ShardSpec.Parse(Shard); }
            catch (ArgumentException e) { throw new InputException($"--shard: {e.Message}"); }
        }
        var threads = Threads ?? Environment.ProcessorCount;
        if (threads < 1 || threads > 1024)
            throw new InputException($"--threads must lie in [1, 1024], got {threads.ToString(CultureInfo.InvariantCulture)}.");
        if (Repair && !Resume) throw new InputException("--repair mends the store of a run being resumed: pass it with --resume.");
        var maxMemory = MaxMemory is null ? (long?)null : OptionParsing.Bytes(MaxMemory, "--max-memory");
        if (spec.AllPanels.MaxBy(p => FlatLab.Solvers.SolveMemory.PeakBytes(p.N, p.M, p.D)) is { } largest)
            OptionParsing.CheckMemory(largest.N, largest.M, largest.D, maxMemory, $"panel {largest.Name}'s cases");
        return new SweepCommandSpec(spec, source, output, Resume, shard, threads) { Repair = Repair, DryRun = DryRun };
    }

    private static (SweepSpec, string) FromPreset(string name)
    {
        try { return (SweepPresets.Get(name), $"--preset {CommandLine.Quote(name)}"); }
        catch (ArgumentException e) when (e is not SpecException) { throw new InputException($"--preset: {e.Message}"); }
    }

    private static (SweepSpec, string) FromFile(string path)
    {
        if (!File.Exists(path)) throw new InputException($"--spec: file '{path}' does not exist.");
        try
        {
            return (SweepSpecJson.Load(path), $"--spec {CommandLine.Quote(path)}");
        }
        catch (SpecException e)
        {
            throw new InputException($"--spec {path}: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"--spec: cannot read '{path}': {e.Message}", e);
        }
    }
}
