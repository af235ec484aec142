using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Specs;
using FlatLab.Training;
using ScottPlot;

namespace FlatLab.Reporting.Figures;

/// <summary>
/// How one optimizer run or search (its seeds together) is drawn and named in a panel's legend. With the
/// spec at hand, runs take their colour from their place among the runs of their parameterisation (so a
/// spec listing the same methods in the same order under both gets one colour per method) and their marker
/// from the parameterisation; searches are grey diamonds; every name is the spec's
/// words (<see cref="TrainingRunSpec.Label"/>, <see cref="SearchRunSpec.Label"/>). Without a spec the
/// series are told apart by colour and marker alone and named by kind and variant. Lines are solid: Skia's SVG
/// and PDF canvases do not draw dash patterns (they warn and draw them solid), and the three formats show one drawing.
/// </summary>
internal sealed record OverlaySeries(CaseKind Kind, string Variant, string Label, Color Color, MarkerShape Shape)
{
    /// <summary>Category10 without its blue (close to Viridis' low end) and its grey (the searches').</summary>
    private static readonly Color[] RunColors = [.. new[] { 1, 2, 3, 4, 5, 6, 8, 9 }.Select(i => new ScottPlot.Palettes.Category10().GetColor(i))];

    private static readonly Color[] SearchColors = [Color.FromHex("#222222"), Color.FromHex("#8c8c8c"), Color.FromHex("#555555")];

    private static readonly MarkerShape[] FallbackShapes =
        [MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.FilledSquare, MarkerShape.FilledTriangleDown];

    /// <summary>The series of the overlay rows (every row that is not a ρ case), in legend order: runs by colour and
    /// then parameterisation (standard before mean-field, so the two of a method sit side by side in a two-column
    /// legend), then searches, then anything the spec does not name.</summary>
    public static IReadOnlyList<OverlaySeries> Of(IReadOnlyList<CaseResult> rows, SweepSpec? spec)
    {
        var variants = rows.Where(r => !r.IsRho).OrderBy(r => r.CaseIndex).Select(r => (r.Kind, r.Variant)).Distinct().ToList();
        var series = new List<(int Group, int Index, int Regime, OverlaySeries Series)>();
        for (var v = 0; v < variants.Count; v++)
        {
            var (kind, name) = variants[v];
            var run = kind == CaseKind.Train ? spec?.Optimizers.FirstOrDefault(o => o.Name == name) : null;
            var search = kind == CaseKind.Search ? spec?.Searches.FirstOrDefault(s => s.Name == name) : null;
            if (run is not null)
            {
                var index = spec!.Optimizers.Where(o => o.Parameterization == run.Parameterization).ToList().IndexOf(run);
                var meanField = run.Parameterization == Parameterization.MeanField;
                series.Add((0, index, meanField ? 1 : 0, new OverlaySeries(kind, name, run.Label(), RunColors[index % RunColors.Length],
                    meanField ? MarkerShape.FilledTriangleUp : MarkerShape.FilledSquare)));
            }
            else if (search is not null)
            {
                var index = Array.IndexOf(spec!.Searches, search);
                series.Add((1, index, 0, new OverlaySeries(kind, name, search.Label(spec.Optimizers), SearchColors[index % SearchColors.Length],
                    MarkerShape.FilledDiamond)));
            }
            else
            {
                series.Add((2, v, 0, new OverlaySeries(kind, name, $"{SnakeCaseEnum.Name(kind)} {name}",
                    RunColors[v % RunColors.Length], FallbackShapes[v / RunColors.Length % FallbackShapes.Length])));
            }
        }
        return series.OrderBy(s => s.Group).ThenBy(s => s.Index).ThenBy(s => s.Regime).Select(s => s.Series).ToList();
    }
}
