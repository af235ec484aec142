using FlatLab.Reporting.Figures;

namespace FlatLab.Cli.Sweep;

/// <summary>A checked <c>flatlab plot</c> command line.</summary>
/// <param name="Columns">One column against another (<c>--x</c>, <c>--y</c>); null to draw the run's figures again.</param>
/// <param name="Formats">The file formats to write (<c>--format</c>), in the order png, svg, pdf.</param>
internal sealed record PlotSpec(string Results, string OutputDirectory, ColumnPlotSpec? Columns, IReadOnlyList<FigureFormat> Formats);
