namespace FlatLab.Experiments.Specs;

/// <summary>How a ρ grid spaces its <c>count</c> values between <c>min</c> and <c>max</c>.</summary>
public enum RhoSpacing
{
    /// <summary>Log-spaced in ρ: dense toward small ρ.</summary>
    Log = 0,
    /// <summary>Log-spaced in 1 − ρ: dense toward ρ = 1, where the claims about large ρ are made.</summary>
    LogOneMinus = 1,
}
