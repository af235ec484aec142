namespace FlatLab.Tests.Experiments;

/// <summary>
/// Tests that run sweeps. They run alone: a sweep sets OpenBLAS's thread count, which is
/// process-wide, and restores it when done; two sweeps at once in one process would race on it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SweepCollection
{
    public const string Name = "Sweeps";
}
