namespace FlatLab.Training;

/// <summary>The optimizers FlatLab trains with.</summary>
public enum OptimizerKind
{
    /// <summary>Full-batch gradient descent.</summary>
    GradientDescent,
    /// <summary>Mini-batch stochastic gradient descent, reshuffled every epoch.</summary>
    Sgd,
    /// <summary>Sharpness-aware minimisation (Foret et al. 2021): the gradient at θ + ρ g/‖g‖.</summary>
    Sam,
    /// <summary>Adaptive SAM (Kwon et al. 2021): the ascent ρ T²g/‖Tg‖ with T = |θ| + η, scale invariant.</summary>
    Asam,
}

public static class OptimizerKindNames
{
    public const string Help = "gd, sgd, sam, asam";

    public static OptimizerKind Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "gd" => OptimizerKind.GradientDescent,
        "sgd" => OptimizerKind.Sgd,
        "sam" => OptimizerKind.Sam,
        "asam" => OptimizerKind.Asam,
        _ => throw new ArgumentException($"Unknown optimizer '{text}'; expected one of {Help}."),
    };

    public static string Name(this OptimizerKind kind) => kind switch
    {
        OptimizerKind.GradientDescent => "gd",
        OptimizerKind.Sgd => "sgd",
        OptimizerKind.Sam => "sam",
        OptimizerKind.Asam => "asam",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
