namespace FlatLab.Experiments.Results;

/// <summary>What opening a <see cref="ResultStore"/> mended.</summary>
/// <param name="TornBytes">Bytes of a partial last line (a write cut off by a kill) that were cut.</param>
/// <param name="Quarantined">Damaged or foreign lines moved to <paramref name="QuarantinePath"/> (a repair).</param>
/// <param name="QuarantinedLines">Each moved line as "line N: why", in line order.</param>
public sealed record StoreRecovery(long TornBytes, int Quarantined, string QuarantinePath, IReadOnlyList<string> QuarantinedLines);
