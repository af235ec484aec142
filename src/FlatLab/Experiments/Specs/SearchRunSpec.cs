using System.Globalization;

namespace FlatLab.Experiments.Specs;

/// <summary>
/// A search for the flattest interpolator over (a, W) (docs/optimizers.md): from random directions,
/// from directions at correlation <see cref="Rho"/>, or from the directions a training run learned.
/// One case per panel and seed.
/// </summary>
public sealed record SearchRunSpec
{
    public string Name { get; init; } = "";
    /// <summary>"random", "rho" or "trained".</summary>
    public string Start { get; init; } = "random";
    /// <summary>The correlation of the start when <see cref="Start"/> is "rho".</summary>
    public double Rho { get; init; } = 0.1;
    /// <summary>The optimizer run (its name in "optimizers") whose network starts the search when
    /// <see cref="Start"/> is "trained".</summary>
    public string? From { get; init; }
    public int MaxIterations { get; init; } = 30;
    public double InitialAngle { get; init; } = 0.05;
    public string[]? Panels { get; init; }

    public void Validate(string field, IReadOnlyCollection<string> panelNames, IReadOnlyCollection<string> optimizerNames)
    {
        SpecNames.Check($"{field}.name", Name);
        if (Start is not ("random" or "rho" or "trained"))
            throw new SpecException($"{field}.start", Start, "expected random, rho or trained");
        if (Start == "rho" && !(Rho >= 0 && Rho <= 1))
            throw new SpecException($"{field}.rho", Rho.ToString("R", CultureInfo.InvariantCulture), "a correlation must lie in [0, 1]");
        if (Start == "trained" && (From is null || !optimizerNames.Contains(From)))
            throw new SpecException($"{field}.from", From, $"must name one of the optimizer runs ({string.Join(", ", optimizerNames)})");
        if (MaxIterations < 1 || MaxIterations > 10_000)
            throw new SpecException($"{field}.max_iterations", MaxIterations.ToString(CultureInfo.InvariantCulture), "must lie in [1, 10000]");
        if (!(InitialAngle > 0 && InitialAngle < 1))
            throw new SpecException($"{field}.initial_angle", InitialAngle.ToString("R", CultureInfo.InvariantCulture), "must lie in (0, 1) radians");
        SpecNames.CheckPanels($"{field}.panels", Panels, panelNames);
    }
}
