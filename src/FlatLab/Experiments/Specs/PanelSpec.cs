using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using FlatLab.Activations;
using FlatLab.Data;

namespace FlatLab.Experiments.Specs;

/// <summary>One panel of a sweep: a data model, a network and the sizes (docs/model.md §8).</summary>
public sealed record PanelSpec
{
    /// <summary>A short unique identifier, used in case keys and file names (letters, digits, '-', '_').</summary>
    public string Name { get; init; } = "";
    /// <summary>The figure the panel belongs to ("2", "3", "4"), for composed figures; free text.</summary>
    public string Figure { get; init; } = "";
    public string Title { get; init; } = "";
    /// <summary>A link of docs/model.md §1, or xor: y = x₁x₂, the labels of Wen, Li and Ma (2023) (docs/theory.md §4).</summary>
    public PanelLink Link { get; init; } = PanelLink.SingleIndex;
    /// <summary>The network's activation σ.</summary>
    public Activation Activation { get; init; } = ActivationParser.Parse("relu");
    /// <summary>σ* inside the link; null means the network's activation.</summary>
    public Activation? LinkActivation { get; init; }
    public int D { get; init; } = 100;
    public int N { get; init; } = 400;
    public int M { get; init; } = 800;
    public int R { get; init; } = 1;
    /// <summary>c_r (sum-single-index) or b_l (teacher); null for the documented defaults.</summary>
    public double[]? Coefficients { get; init; }
    public double NoiseStd { get; init; } = 0.1;
    /// <summary>The link offset b (docs/model.md §1.7): its value when fixed, else the distribution's mean or midpoint.</summary>
    public double LinkOffset { get; init; }
    /// <summary>fixed, normal or uniform: how b is chosen, once per repetition (shared by its ρ).</summary>
    public LinkOffsetDistribution LinkOffsetDistribution { get; init; } = LinkOffsetDistribution.Fixed;
    /// <summary>The standard deviation (normal) or half-width (uniform) of b; 0 when fixed.</summary>
    public double LinkOffsetSpread { get; init; }
    /// <summary>gaussian (docs/model.md §1) or hypercube (x uniform on {−1, 1}^d).</summary>
    public FeatureDistribution Features { get; init; } = FeatureDistribution.Gaussian;
    /// <summary>A network with inner biases, f(x) = Σ a_j σ(w_j·x + b_j) (docs/theory.md §5).</summary>
    public bool Bias { get; init; }
    /// <summary>
    /// A grid over any of the panel's other fields (field name → values as written in a spec): the panel
    /// stands for the Cartesian product of the values, one panel per grid cell (docs/sweeps.md#grids).
    /// Null for a panel without a grid and for a grid cell itself.
    /// </summary>
    public Dictionary<string, JsonElement[]>? Grid { get; init; }

    private readonly string? _baseName;

    /// <summary>The name of the panel a grid cell was expanded from; the panel's own name otherwise.</summary>
    [JsonIgnore]
    public string BaseName { get => _baseName ?? Name; init => _baseName = value; }
    /// <summary>A grid cell's values, e.g. <c>n=100,noise_std=0.05</c>; empty for a panel without a grid.</summary>
    [JsonIgnore]
    public string GridCell { get; init; } = "";
    /// <summary>When set, the step size of every optimizer run on this panel, in place of the run's own
    /// <c>learning_rate</c> (docs/optimizers.md §7); a panel field so that a panel grid can sweep it.</summary>
    public double? LearningRate { get; init; }
    /// <summary>When set, the SGD mini-batch size of every optimizer run on this panel, in place of the run's <c>batch_size</c>.</summary>
    public int? BatchSize { get; init; }

    [JsonIgnore]
    public bool IsXor => Link.IsXor;
    /// <summary>The paper's exact setting: Gaussian inputs and no biases, where docs/model.md §7's closed forms hold.</summary>
    [JsonIgnore]
    public bool IsGaussianBiasFree => Features == FeatureDistribution.Gaussian && !Bias;
    /// <summary>σ* inside the link.</summary>
    [JsonIgnore]
    public Activation TargetActivation => LinkActivation ?? Activation;

    /// <summary>The link offset's specification (docs/model.md §1.7).</summary>
    [JsonIgnore]
    public LinkOffsetSpec Offset => new(LinkOffset, LinkOffsetDistribution, LinkOffsetSpread);

    public DataModelSpec ToDataModelSpec() =>
        new(D, R, Link.Kind, TargetActivation, Coefficients, NoiseStd, Offset);

    public void Validate(string field)
    {
        SpecNames.Check($"{field}.name", BaseName);
        if (GridCell.Length > 0) SpecNames.CheckCell(field, Name);
        if (IsXor && D < 2) throw new SpecException($"{field}.d", Str(D), "xor labels need d >= 2");
        if (D < 2) throw new SpecException($"{field}.d", Str(D), "must be >= 2");
        if (N < 1) throw new SpecException($"{field}.n", Str(N), "must be >= 1");
        if (M <= N) throw new SpecException($"{field}.m", Str(M), $"must exceed n = {N} (an over-parameterised network)");
        if (R < 1 || R >= D) throw new SpecException($"{field}.r", Str(R), $"must lie in [1, d - 1 = {D - 1}]");
        if (Link.Kind == LinkKind.SumSingleIndex && Coefficients is { } c && c.Length != R)
            throw new SpecException($"{field}.coefficients", string.Join(",", c), $"sum-single-index needs r = {R} coefficients");
        if (Coefficients is { } cs && cs.Any(v => !double.IsFinite(v)))
            throw new SpecException($"{field}.coefficients", string.Join(",", cs), "must be finite numbers");
        if (!(NoiseStd >= 0) || !double.IsFinite(NoiseStd)) throw new SpecException($"{field}.noise_std", Str(NoiseStd), "must be finite and >= 0");
        if (LearningRate is { } lr && !(lr > 0 && double.IsFinite(lr))) throw new SpecException($"{field}.learning_rate", Str(lr), "must be finite and > 0");
        if (BatchSize is { } b && b < 1) throw new SpecException($"{field}.batch_size", Str(b), "must be >= 1");
        ValidateOffset(field);
    }

    private void ValidateOffset(string field)
    {
        if (!double.IsFinite(LinkOffset)) throw new SpecException($"{field}.link_offset", Str(LinkOffset), "must be a finite number");
        if (!double.IsFinite(LinkOffsetSpread) || LinkOffsetSpread < 0)
            throw new SpecException($"{field}.link_offset_spread", Str(LinkOffsetSpread), "must be finite and >= 0");
        var distribution = SpecSpellings.Name(SpecSpellings.OffsetDistribution, LinkOffsetDistribution);
        if (LinkOffsetDistribution == LinkOffsetDistribution.Fixed && LinkOffsetSpread != 0)
            throw new SpecException($"{field}.link_offset_spread", Str(LinkOffsetSpread),
                "a fixed offset has no spread; set link_offset_distribution to normal or uniform");
        if (LinkOffsetDistribution != LinkOffsetDistribution.Fixed && LinkOffsetSpread == 0)
            throw new SpecException($"{field}.link_offset_spread", Str(LinkOffsetSpread),
                $"a {distribution} offset needs a spread > 0 (its standard deviation or half-width)");
        if (!Offset.IsZero && (Link.Kind == LinkKind.QuadraticFeature || IsXor))
            throw new SpecException($"{field}.link_offset", Str(LinkOffset),
                $"the {Link.Name} link takes no offset (only single-index, sum-single-index, linear and teacher links do)");
    }

    private static string Str(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
