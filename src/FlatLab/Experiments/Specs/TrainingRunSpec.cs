using System.Globalization;
using FlatLab.Training;

namespace FlatLab.Experiments.Specs;

/// <summary>
/// An optimizer run of a sweep: train the panel's network (width m) on the panel's sample to
/// interpolation, recording the trajectory (docs/optimizers.md). One case per panel and seed.
/// </summary>
public sealed record TrainingRunSpec
{
    /// <summary>A unique name (letters, digits, '-', '_'), part of the case key.</summary>
    public string Name { get; init; } = "";
    /// <summary>gd, sgd, sam or asam.</summary>
    public string Optimizer { get; init; } = "gd";
    public double LearningRate { get; init; } = 0.05;
    /// <summary>When set, the step size is this fraction of 2/λ_max at initialisation.</summary>
    public double? EdgeOfStability { get; init; }
    public int BatchSize { get; init; } = 32;
    public double SamRadius { get; init; } = 0.05;
    public double AsamEta { get; init; } = 0.01;
    public double WeightDecay { get; init; }
    public double InitScale { get; init; } = 1.0;
    public double LossTolerance { get; init; } = 1e-6;
    public int MaxSteps { get; init; } = 20_000;
    /// <summary>Trajectory points (besides the start and the end) measured along the run.</summary>
    public int Records { get; init; } = 8;
    /// <summary>The panels to run on; null for all.</summary>
    public string[]? Panels { get; init; }

    public TrainingSpec ToTrainingSpec() => new()
    {
        Optimizer = OptimizerKindNames.Parse(Optimizer),
        LearningRate = LearningRate,
        EdgeOfStability = EdgeOfStability,
        BatchSize = BatchSize,
        SamRadius = SamRadius,
        AsamEta = AsamEta,
        WeightDecay = WeightDecay,
        InitScale = InitScale,
        LossTolerance = LossTolerance,
        MaxSteps = MaxSteps,
        RecordEvery = Records > 0 ? Math.Max(1, MaxSteps / (Records + 1)) : 0,
    };

    /// <param name="panels">The sweep's panels: optimizer runs need the paper's setting (Gaussian inputs,
    /// no biases), where their diagnostics are defined.</param>
    public void Validate(string field, IReadOnlyList<PanelSpec> panels)
    {
        var panelNames = panels.Select(p => p.Name).ToArray();
        SpecNames.Check($"{field}.name", Name);
        try
        {
            OptimizerKindNames.Parse(Optimizer);
        }
        catch (ArgumentException e)
        {
            throw new SpecException($"{field}.optimizer", Optimizer, e.Message);
        }
        if (Records < 0 || Records > 1000) throw new SpecException($"{field}.records", Records.ToString(CultureInfo.InvariantCulture), "must lie in [0, 1000]");
        try
        {
            ToTrainingSpec().Validate();
        }
        catch (ArgumentException e)
        {
            // The training spec names the field and value; keep its words.
            throw new SpecException(field, Name, e.Message);
        }
        SpecNames.CheckPanels($"{field}.panels", Panels, panelNames);
        var unsupported = panels.FirstOrDefault(p => (Panels is null || Panels.Contains(p.Name)) && (!p.IsGaussianBiasFree || p.IsXor));
        if (unsupported is not null)
            throw new SpecException($"{field}.panels", unsupported.Name,
                "optimizer runs need a panel with Gaussian features, no biases and a link of MODEL §1; restrict the run with \"panels\"");
    }
}
