using FlatLab.Population;
using FlatLab.Solvers;
using FlatLab.Data;

namespace FlatLab.Experiments.Specs;

/// <summary>The names spec files use for the enum values of a spec (and the results table repeats).</summary>
internal static class SpecSpellings
{
    public static readonly (string Name, OuterWeighting Value)[] Weighting = [("exact", OuterWeighting.Exact), ("unit", OuterWeighting.Unit)];
    public static readonly (string Name, OptimalPoint Value)[] Point = [("vertex", OptimalPoint.Vertex), ("central", OptimalPoint.Central)];
    public static readonly (string Name, PopulationLossMethod Value)[] PopulationMethod =
        [("exact", PopulationLossMethod.Exact), ("monte-carlo", PopulationLossMethod.MonteCarlo)];
    public static readonly (string Name, FeatureDistribution Value)[] Features =
        [("gaussian", FeatureDistribution.Gaussian), ("hypercube", FeatureDistribution.Hypercube)];
    public static readonly (string Name, LinkOffsetDistribution Value)[] OffsetDistribution =
        [("fixed", LinkOffsetDistribution.Fixed), ("normal", LinkOffsetDistribution.Normal), ("uniform", LinkOffsetDistribution.Uniform)];
    public static readonly (string Name, SearchStart Value)[] Start =
        [("random", SearchStart.Random), ("rho", SearchStart.Rho), ("trained", SearchStart.Trained), ("reference", SearchStart.Reference)];

    public static readonly (string Name, RhoSpacing Value)[] Spacing = [("log", RhoSpacing.Log), ("log-one-minus", RhoSpacing.LogOneMinus)];

    public static T Parse<T>((string Name, T Value)[] names, string text) where T : struct, Enum
    {
        var key = text.Trim().ToLowerInvariant();
        foreach (var (name, value) in names)
            if (name == key) return value;
        throw new ArgumentException($"expected {string.Join(", ", names[..^1].Select(n => n.Name))} or {names[^1].Name}");
    }

    public static string Name<T>((string Name, T Value)[] names, T value) where T : struct, Enum
    {
        foreach (var (name, v) in names)
            if (EqualityComparer<T>.Default.Equals(v, value)) return name;
        throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(T).Name} has no spec name");
    }

    /// <summary>The weighting's name in specs and in the results' <c>weights</c> column.</summary>
    public static string Name(this OuterWeighting weighting) => Name(Weighting, weighting);

    public static string Name(this SearchStart start) => Name(Start, start);

    public static SpecValueConverter<T> Converter<T>((string Name, T Value)[] names) where T : struct, Enum =>
        new(text => Parse(names, text), value => Name(names, value));
}
