using System.Globalization;
using FlatLab.Experiments.Results;
using FlatLab.Experiments.Specs;

namespace FlatLab.Experiments.Running;

/// <summary>
/// Whether a stored row is a case of a spec: its key must be one of the spec's cases and every
/// parameter the row records (seeds, panel, sizes, activation, ρ, kind, ...) must equal what
/// that case would record now. Its <c>case_index</c> is not compared: a run resumed with more seeds,
/// ρ values or grid cells (<see cref="SpecExtension"/>) moves finished cases in the canonical order, and
/// <see cref="Indexed"/> gives their rows the index of the spec being run. A row of another study (say n = 200 where the spec says 30) is thus
/// recognised even in a folder without spec.json.
/// </summary>
internal sealed class StoredRowCheck
{
    /// <summary>The parameter columns of a row, as <see cref="CaseRunner"/> fills them before computing.</summary>
    private static readonly (string Name, Func<CaseResult, object> Get)[] Parameters =
    [
        ("case_seed", r => r.CaseSeed),
        ("data_seed", r => r.DataSeed),
        ("repetition", r => r.Repetition),
        ("panel", r => r.Panel),
        ("base_panel", r => r.BasePanel),
        ("grid_cell", r => r.GridCell),
        ("figure", r => r.Figure),
        ("kind", r => r.Kind),
        ("variant", r => r.Variant),
        ("link", r => r.Link),
        ("activation", r => r.Activation),
        ("link_activation", r => r.LinkActivation),
        ("k", r => r.K),
        ("p", r => r.P),
        ("d", r => r.D),
        ("n", r => r.N),
        ("m", r => r.M),
        ("r", r => r.R),
        ("noise_std", r => r.NoiseStd),
        ("rho", r => r.Rho),
        ("weights", r => r.Weights),
    ];

    private readonly Dictionary<string, SweepCase> _cases;

    public StoredRowCheck(SweepSpec spec)
    {
        _cases = SweepCase.Expand(spec).ToDictionary(c => c.Key);
    }

    /// <summary>Why <paramref name="row"/> is not a case of the spec; null when it is.</summary>
    public string? Mismatch(CaseResult row)
    {
        if (!_cases.TryGetValue(row.CaseKey, out var c)) return $"case '{row.CaseKey}' is not a case of this spec";
        var expected = CaseRunner.Describe(c);
        foreach (var (name, get) in Parameters)
        {
            object stored = get(row), wanted = get(expected);
            // Equals compares doubles bit for bit but for NaN, which equals itself (no ρ for optimizer runs).
            if (!Equals(stored, wanted))
                return $"case '{row.CaseKey}' has {name} = {Show(stored)} where this spec gives {Show(wanted)}";
        }
        return null;
    }

    /// <summary>The row with the case index this spec gives its key (rows stored under a smaller spec move).</summary>
    public CaseResult Indexed(CaseResult row) =>
        _cases.TryGetValue(row.CaseKey, out var c) && c.Index != row.CaseIndex ? row with { CaseIndex = c.Index } : row;

    private static string Show(object value) => value switch
    {
        string s => $"\"{s}\"",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
