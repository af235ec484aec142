using System.Globalization;
using FlatLab.Activations;
using FlatLab.Data;

namespace FlatLab.Experiments.Specs;

/// <summary>One panel of a sweep: a data model, a network and the sizes (MODEL §8).</summary>
public sealed record PanelSpec
{
    /// <summary>A short unique identifier, used in case keys and file names (letters, digits, '-', '_').</summary>
    public string Name { get; init; } = "";
    /// <summary>The figure the panel belongs to ("2", "3", "4"), for composed figures; free text.</summary>
    public string Figure { get; init; } = "";
    public string Title { get; init; } = "";
    public string Link { get; init; } = "single-index";
    /// <summary>The network's activation σ.</summary>
    public string Activation { get; init; } = "relu";
    /// <summary>σ* inside the link; null means the network's activation.</summary>
    public string? LinkActivation { get; init; }
    public int D { get; init; } = 100;
    public int N { get; init; } = 400;
    public int M { get; init; } = 800;
    public int R { get; init; } = 1;
    /// <summary>c_r (sum-single-index) or b_l (teacher); null for the documented defaults.</summary>
    public double[]? Coefficients { get; init; }
    public double NoiseStd { get; init; } = 0.1;

    public Activation NetworkActivation => ActivationParser.Parse(Activation);
    public Activation TargetActivation => ActivationParser.Parse(LinkActivation ?? Activation);
    public LinkKind LinkKind => LinkKindNames.Parse(Link);

    public DataModelSpec ToDataModelSpec() =>
        new(D, R, LinkKind, TargetActivation, Coefficients, NoiseStd);

    public void Validate(string field)
    {
        SpecNames.Check($"{field}.name", Name);
        Check($"{field}.activation", Activation, () => ActivationParser.Parse(Activation));
        if (LinkActivation is not null) Check($"{field}.link_activation", LinkActivation, () => ActivationParser.Parse(LinkActivation));
        Check($"{field}.link", Link, () => LinkKindNames.Parse(Link));
        if (D < 2) throw new SpecException($"{field}.d", Str(D), "must be >= 2");
        if (N < 1) throw new SpecException($"{field}.n", Str(N), "must be >= 1");
        if (M <= N) throw new SpecException($"{field}.m", Str(M), $"must exceed n = {N} (an over-parameterised network)");
        if (R < 1 || R >= D) throw new SpecException($"{field}.r", Str(R), $"must lie in [1, d - 1 = {D - 1}]");
        if (LinkKind == LinkKind.SumSingleIndex && Coefficients is { } c && c.Length != R)
            throw new SpecException($"{field}.coefficients", string.Join(",", c), $"sum-single-index needs r = {R} coefficients");
        if (Coefficients is { } cs && cs.Any(v => !double.IsFinite(v)))
            throw new SpecException($"{field}.coefficients", string.Join(",", cs), "must be finite numbers");
        if (!(NoiseStd >= 0) || !double.IsFinite(NoiseStd)) throw new SpecException($"{field}.noise_std", Str(NoiseStd), "must be finite and >= 0");
    }

    private static void Check(string field, string value, Action parse)
    {
        try
        {
            parse();
        }
        catch (ArgumentException e)
        {
            throw new SpecException(field, value, e.Message);
        }
    }

    private static string Str(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
