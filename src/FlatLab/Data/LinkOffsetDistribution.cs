namespace FlatLab.Data;

/// <summary>How the link offset b is chosen (docs/model.md §1.7).</summary>
public enum LinkOffsetDistribution
{
    /// <summary>b equals the given centre for every data model.</summary>
    Fixed,
    /// <summary>b ~ N(centre, spread²), drawn once per data model.</summary>
    Normal,
    /// <summary>b uniform on [centre − spread, centre + spread], drawn once per data model.</summary>
    Uniform,
}
