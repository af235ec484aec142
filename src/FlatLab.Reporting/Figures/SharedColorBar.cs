namespace FlatLab.Reporting.Figures;

/// <summary>One colour bar for every panel of a composite figure, drawn in a column on its right.</summary>
internal sealed record SharedColorBar(RhoColorScale Scale, string Label);
