namespace FlatLab.Reporting.Figures;

/// <summary>What a figure of a run shows.</summary>
public enum FigureKind
{
    /// <summary>One panel: population loss against F_min, seed-averaged, coloured by ρ, with the optimizer and search overlays.</summary>
    Panel = 0,
    /// <summary>The panels of one figure value side by side, seed-averaged, like the paper's Figures 2, 3 and 4.</summary>
    Composite = 1,
    /// <summary>The fitted laws of one scaling study, F_min against d.</summary>
    Scaling = 2,
    /// <summary>The same composite with every seed drawn.</summary>
    CompositeSeeds = 3,
    /// <summary>One column of the results table against another (<c>flatlab plot --x --y</c>; <see cref="ColumnPlot"/>).</summary>
    Columns = 4,
}
