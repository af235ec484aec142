using FlatLab.Data;

namespace FlatLab.Experiments.Specs;

/// <summary>
/// A panel's link: one of docs/model.md §1, or <c>xor</c>: y = x₁x₂, the labels of Wen, Li and Ma (2023)
/// (docs/theory.md §4), a quadratic-feature link with a fixed form.
/// </summary>
public sealed record PanelLink(LinkKind Kind, bool IsXor = false)
{
    public const string Help = LinkKindNames.Help + ", xor";

    public static readonly PanelLink SingleIndex = new(LinkKind.SingleIndex);
    public static readonly PanelLink Xor = new(LinkKind.QuadraticFeature, IsXor: true);

    /// <summary>The spelling in specs and in the results' <c>link</c> column.</summary>
    public string Name => IsXor ? "xor" : Kind.Name();

    public static PanelLink Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Trim().Equals("xor", StringComparison.OrdinalIgnoreCase)) return Xor;
        try
        {
            return new PanelLink(LinkKindNames.Parse(text));
        }
        catch (ArgumentException)
        {
            throw new ArgumentException($"Unknown link '{text}'; expected one of {Help}.");
        }
    }

    public override string ToString() => Name;
}
