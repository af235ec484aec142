namespace FlatLab.Reporting.Figures;

/// <summary>What a panel draws for its ρ cases.</summary>
public enum PanelPoints
{
    /// <summary>Every usable case: one dot per seed and ρ.</summary>
    Seeds = 0,
    /// <summary>One dot per ρ at the means over seeds, with the seeds' smallest and largest values as bars.</summary>
    SeedAveraged = 1,
}
