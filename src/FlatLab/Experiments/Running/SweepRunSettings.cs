using FlatLab.LinearAlgebra;

namespace FlatLab.Experiments.Running;

/// <summary>How to run a sweep (not what: that is the <see cref="Specs.SweepSpec"/>).</summary>
public sealed record SweepRunSettings
{
    /// <summary>Cases solved at once; defaults to the number of cores.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
    /// <summary>Continue a run whose store already holds finished cases.</summary>
    public bool Resume { get; init; }
    /// <summary>
    /// On resume, move damaged lines and rows that are not cases of the spec out of the store (into
    /// cases.quarantine.jsonl) and compute those cases again, instead of stopping with an error.
    /// </summary>
    public bool Repair { get; init; }
    public ShardSpec Shard { get; init; } = ShardSpec.All;
    /// <summary>The dense kernels every case uses, chosen by the host. Rows depend on the kernels (and, for
    /// OpenBLAS, on its process-wide thread count, which the host sets once; the command line runs it
    /// with one thread per case), never on <see cref="Threads"/>.</summary>
    public required IDenseKernels Kernels { get; init; }
    public IProgress<SweepProgress>? Progress { get; init; }
    /// <summary>What the runner had to mend in the run folder before it started (a cut partial line, a repair, a stale lock).</summary>
    public IProgress<string>? Notices { get; init; }

    public SweepRunSettings Validate()
    {
        if (Threads < 1 || Threads > 1024) throw new ArgumentException($"Threads must lie in [1, 1024], got {Threads}.");
        if (Repair && !Resume) throw new ArgumentException("Repair mends the store of a resumed run; it needs Resume.");
        return this;
    }
}
