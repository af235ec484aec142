namespace FlatLab.Training;

/// <summary>
/// How the network's scale depends on the width m (docs/optimizers.md §2). The trained network is always
/// f(x) = Σ_j a_j σ(w_j·x); the parameterisation fixes how a is drawn and how the optimizer's step acts on it.
/// </summary>
public enum Parameterization
{
    /// <summary>a_j ~ N(0, s²/m), one step size for both layers (the kernel, "NTK"-like scaling: lazy as m grows).</summary>
    Standard,
    /// <summary>Mean-field / μP output scaling: f = (1/m) Σ_j ã_j σ(w_j·x) with ã_j ~ N(0, s²), trained on
    /// θ̃ = (ã, W) with step η·m, so that every neuron's parameters move by O(η) per step whatever m is.</summary>
    MeanField,
}

public static class ParameterizationNames
{
    public const string Help = "standard, mean-field";

    public static Parameterization Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "standard" => Parameterization.Standard,
        "mean-field" => Parameterization.MeanField,
        _ => throw new ArgumentException($"Unknown parameterization '{text}'; expected one of {Help}."),
    };

    public static string Name(this Parameterization kind) => kind switch
    {
        Parameterization.Standard => "standard",
        Parameterization.MeanField => "mean-field",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>α in a = α ã: the output multiplier (1, or 1/m for mean-field).</summary>
    public static double OutputMultiplier(this Parameterization kind, int m) => kind == Parameterization.MeanField ? 1.0 / m : 1.0;

    /// <summary>γ in the trained objective γ L(α ã, W): the step-size multiplier (1, or m for mean-field).</summary>
    public static double StepMultiplier(this Parameterization kind, int m) => kind == Parameterization.MeanField ? m : 1.0;
}
