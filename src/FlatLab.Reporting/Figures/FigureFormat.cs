namespace FlatLab.Reporting.Figures;

/// <summary>A file format a figure is written in.</summary>
public enum FigureFormat
{
    Png = 0,
    Svg = 1,
    Pdf = 2,
}
