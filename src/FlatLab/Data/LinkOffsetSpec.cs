using System.Globalization;
using FlatLab.Randomness;

namespace FlatLab.Data;

/// <summary>
/// The scalar offset b of a link g = b + h (docs/model.md §1.7): fixed, or drawn once per data model
/// (so once per repetition of a sweep, shared by all its ρ) from a stated distribution.
/// </summary>
/// <param name="Center">The fixed value, or the mean (normal) or midpoint (uniform) of the distribution.</param>
/// <param name="Distribution">Fixed, normal or uniform.</param>
/// <param name="Spread">The standard deviation (normal) or the half-width (uniform); 0 for a fixed offset.</param>
public sealed record LinkOffsetSpec(double Center = 0.0, LinkOffsetDistribution Distribution = LinkOffsetDistribution.Fixed, double Spread = 0.0)
{
    public static readonly LinkOffsetSpec None = new();

    /// <summary>True when every draw is 0: no offset.</summary>
    public bool IsZero => Distribution == LinkOffsetDistribution.Fixed && Center == 0;

    /// <summary>Throws with a message naming the parameter when the offset is not well defined.</summary>
    public LinkOffsetSpec Validate()
    {
        if (!double.IsFinite(Center))
            throw new ArgumentException($"The link offset must be a finite number, got {Str(Center)}.", nameof(Center));
        if (!Enum.IsDefined(Distribution))
            throw new ArgumentException($"Unknown link offset distribution {Distribution}.", nameof(Distribution));
        if (!double.IsFinite(Spread) || Spread < 0)
            throw new ArgumentException($"The link offset spread must be finite and >= 0, got {Str(Spread)}.", nameof(Spread));
        if (Distribution == LinkOffsetDistribution.Fixed && Spread != 0)
            throw new ArgumentException($"A fixed link offset has no spread, got {Str(Spread)}; choose a normal or uniform distribution.", nameof(Spread));
        if (Distribution != LinkOffsetDistribution.Fixed && Spread == 0)
            throw new ArgumentException($"A {Distribution.ToString().ToLowerInvariant()} link offset needs a spread > 0 (with spread 0 it is fixed).", nameof(Spread));
        return this;
    }

    /// <summary>One offset. A fixed offset draws nothing, so it leaves <paramref name="random"/> unused.</summary>
    public double Draw(RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Validate();
        return Distribution switch
        {
            LinkOffsetDistribution.Fixed => Center,
            LinkOffsetDistribution.Normal => Center + Spread * random.NextGaussian(),
            LinkOffsetDistribution.Uniform => Center + Spread * (2 * random.NextDouble() - 1),
            _ => throw new InvalidOperationException($"Unhandled link offset distribution {Distribution}."),
        };
    }

    private static string Str(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
