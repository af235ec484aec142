namespace FlatLab.Experiments.Analysis;

/// <summary>What the verdict rule concluded about a claim. Only Holds and Fails are decisions.</summary>
public enum ClaimStatus
{
    /// <summary>The interval straddles a threshold, is undefined, or rests on too few seeds.</summary>
    Inconclusive = 0,
    /// <summary>The whole interval lies on the claim's side of its threshold.</summary>
    Holds,
    /// <summary>The whole interval lies on the other side.</summary>
    Fails,
}

public static class ClaimStatusExtensions
{
    public static bool IsDecided(this ClaimStatus status) => status is ClaimStatus.Holds or ClaimStatus.Fails;

    /// <summary>The snake_case spelling used in stats.csv.</summary>
    public static string ToSnakeCase(this ClaimStatus status) => status switch
    {
        ClaimStatus.Inconclusive => "inconclusive",
        ClaimStatus.Holds => "holds",
        ClaimStatus.Fails => "fails",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
