using System.Globalization;
using FlatLab.Training;

namespace FlatLab.Experiments.Specs;

/// <summary>
/// An optimizer run of a sweep: train the panel's network (width m) on the panel's sample to
/// interpolation, recording the trajectory (docs/optimizers.md). One case per panel and seed.
/// The training fields are <see cref="TrainingSpec"/>'s, with its defaults and checks; <see cref="ToTrainingSpec"/>
/// is the one place the two meet.
/// </summary>
public sealed record TrainingRunSpec
{
    private static readonly TrainingSpec Defaults = new();

    /// <summary>A unique name (letters, digits, '-', '_'), part of the case key.</summary>
    public string Name { get; init; } = "";
    /// <summary>The run in words for figure legends; empty for the description <see cref="Label"/> builds from the fields.</summary>
    public string Title { get; init; } = "";
    /// <summary>gd, sgd, sam or asam.</summary>
    public OptimizerKind Optimizer { get; init; } = Defaults.Optimizer;
    public double LearningRate { get; init; } = Defaults.LearningRate;
    /// <summary>When set, the step size is this fraction of 2/λ_max at initialisation.</summary>
    public double? EdgeOfStability { get; init; } = Defaults.EdgeOfStability;
    public int BatchSize { get; init; } = Defaults.BatchSize;
    public double SamRadius { get; init; } = Defaults.SamRadius;
    /// <summary>constant, decay or switch (docs/optimizers.md §3).</summary>
    public SamSchedule SamSchedule { get; init; } = Defaults.SamSchedule;
    public int SamSteps { get; init; } = Defaults.SamSteps;
    public double AsamEta { get; init; } = Defaults.AsamEta;
    public double WeightDecay { get; init; } = Defaults.WeightDecay;
    public double InitScale { get; init; } = Defaults.InitScale;
    /// <summary>standard or mean-field (docs/optimizers.md §2).</summary>
    public Parameterization Parameterization { get; init; } = Defaults.Parameterization;
    public double LossTolerance { get; init; } = Defaults.LossTolerance;
    public int MaxSteps { get; init; } = Defaults.MaxSteps;
    /// <summary>Trajectory points (besides the start and the end) measured along the run.</summary>
    public int Records { get; init; } = 8;
    /// <summary>The panels to run on; null for all.</summary>
    public string[]? Panels { get; init; }

    /// <param name="panel">The panel the run trains on: its <c>learning_rate</c> and <c>batch_size</c>, when set, replace the run's.</param>
    public TrainingSpec ToTrainingSpec(PanelSpec? panel = null) => new()
    {
        Optimizer = Optimizer,
        LearningRate = panel?.LearningRate ?? LearningRate,
        EdgeOfStability = EdgeOfStability,
        BatchSize = panel?.BatchSize ?? BatchSize,
        SamRadius = SamRadius,
        SamSchedule = SamSchedule,
        SamSteps = SamSteps,
        Parameterization = Parameterization,
        AsamEta = AsamEta,
        WeightDecay = WeightDecay,
        InitScale = InitScale,
        LossTolerance = LossTolerance,
        MaxSteps = MaxSteps,
        RecordEvery = Records > 0 ? Math.Max(1, MaxSteps / (Records + 1)) : 0,
    };

    /// <summary>The legend text: <see cref="Title"/>, or the method, its step (the run's own, not a panel's) and its
    /// parameterisation in words, e.g. "SGD, batch 20, step 0.01, standard".</summary>
    public string Label()
    {
        if (Title.Length > 0) return Title;
        var radius = SamSchedule switch
        {
            SamSchedule.Decay => $"radius {Number(SamRadius)} → 0",
            SamSchedule.Switch => $"radius {Number(SamRadius)}, then GD",
            _ => $"radius {Number(SamRadius)}",
        };
        var method = Optimizer switch
        {
            OptimizerKind.Sgd => $"SGD, batch {BatchSize}",
            OptimizerKind.Sam => $"SAM, {radius}",
            OptimizerKind.Asam => $"ASAM, {radius}",
            _ => "GD",
        };
        var step = EdgeOfStability is { } f ? $"step {Number(f)} × 2/λ_max" : $"step {Number(LearningRate)}";
        return $"{method}, {step}, {Parameterization.Name()}";
    }

    private static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>Whether this run has a case on <paramref name="panel"/>.</summary>
    public bool RunsOn(PanelSpec panel) => Panels is null || Panels.Contains(panel.Name) || Panels.Contains(panel.BaseName);

    /// <param name="panels">The sweep's panels: optimizer runs need the paper's setting (Gaussian inputs,
    /// no biases), where their diagnostics are defined.</param>
    public void Validate(string field, IReadOnlyList<PanelSpec> panels)
    {
        SpecNames.Check($"{field}.name", Name);
        if (Records < 0 || Records > 1000) throw new SpecException($"{field}.records", Records.ToString(CultureInfo.InvariantCulture), "must lie in [0, 1000]");
        try
        {
            ToTrainingSpec().Validate();
        }
        catch (ArgumentException e)
        {
            throw SpecException.FromSettings(field, this, e);
        }
        SpecNames.CheckPanels($"{field}.panels", Panels, panels.Select(p => p.Name).Concat(panels.Select(p => p.BaseName)).Distinct().ToArray());
        var unsupported = panels.FirstOrDefault(p => RunsOn(p) && (!p.IsGaussianBiasFree || p.IsXor));
        if (unsupported is not null)
            throw new SpecException($"{field}.panels", unsupported.Name,
                "optimizer runs need a panel with Gaussian features, no biases and a link of docs/model.md §1; restrict the run with \"panels\"");
    }
}
