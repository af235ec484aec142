using FlatLab.Experiments.Results;
using FlatLab.Experiments.Running;
using FlatLab.Experiments.Specs;
using FlatLab.Reporting.Figures;
using FlatLab.Tests.Reporting.Runs;
using FlatLab.Training;
using ScottPlot;

namespace FlatLab.Tests.Reporting.Figures;

/// <summary>The legend of a panel with optimizer runs and searches (the `optimizers` study's figure): one entry per series, in words.</summary>
public sealed class OverlayLegendTests
{
    private static readonly string[] Methods = ["gd", "gd-eos", "sgd20", "sgd50", "sam", "asam"];

    /// <summary>Six methods in both parameterisations and two searches, titled with words as long as the `optimizers` preset's
    /// (the first search by its default words).</summary>
    private static SweepSpec Spec() => SyntheticRows.Spec() with
    {
        Optimizers =
        [
            .. Methods.Select(m => new TrainingRunSpec { Name = $"{m}-lazy", Title = $"{m.ToUpperInvariant()}, radius → 0, standard" }),
            .. Methods.Select(m => new TrainingRunSpec { Name = $"{m}-rich", Title = $"{m.ToUpperInvariant()}, radius → 0, mean-field", Parameterization = Parameterization.MeanField }),
        ],
        Searches =
        [
            new SearchRunSpec { Name = "from-random" },
            new SearchRunSpec { Name = "from-gd-rich", Title = "search from mean-field GD's W", Start = SearchStart.Trained, From = "gd-rich" },
        ],
    };

    /// <summary>Panel pa's ρ rows, then two seeds of every run and search of <see cref="Spec"/>, each with a short path.</summary>
    private static List<CaseResult> Rows(SweepSpec spec)
    {
        var rows = SyntheticRows.Sweep().Where(r => r.Panel == "pa").ToList();
        var variants = spec.Optimizers.Select(o => (CaseKind.Train, o.Name)).Concat(spec.Searches.Select(s => (CaseKind.Search, s.Name))).ToList();
        for (var s = 0; s < 2; s++)
            for (var v = 0; v < variants.Count; v++)
            {
                var (kind, name) = variants[v];
                var index = rows.Count;
                var path = Enumerable.Range(0, 3).Select(k => new TrajectoryPoint(100 * k, 0.1, 900, 300.0 - 60 * k - 5 * v, 200, 0.2,
                    0.5 - 0.1 * k - 0.01 * v - 0.02 * s, 0.01)).ToArray();
                rows.Add(SyntheticRows.Row(index, "pa", "2", s, double.NaN, path[^1].FlatnessMin, path[^1].PopulationLoss) with
                {
                    CaseKey = $"pa/s{s:00}/{SnakeCaseEnum.Name(kind)}-{name}", Kind = kind, Variant = name, Trajectory = path,
                });
            }
        return rows;
    }

    private static Plot Panel(IReadOnlyList<CaseResult> rows, SweepSpec? spec, int width = FigureSet.CellWidth) =>
        PanelPlot.Create(rows, "(a) Alpha panel", new RhoColorScale([0.05, 0.9], new ScottPlot.Colormaps.Viridis()), PanelPoints.SeedAveraged,
            colorBar: false, OverlaySeries.Of(rows, spec), width);

    [Fact]
    public void Given_fourteen_runs_and_searches_When_the_panel_is_drawn_Then_the_legend_has_the_rho_entries_and_one_entry_per_series_in_words()
    {
        var spec = Spec();
        var plot = Panel(Rows(spec), spec);

        var labels = PanelPlot.LegendLabels(plot);

        // the two ρ entries, then standard and mean-field of each method side by side, then the searches
        string[] expected =
        [
            "mean of 2 seeds, bars min–max", "no solution: 0 of 8 failed",
            .. Methods.SelectMany(m => new[] { $"{m.ToUpperInvariant()}, radius → 0, standard", $"{m.ToUpperInvariant()}, radius → 0, mean-field" }),
            "search from random directions", "search from mean-field GD's W",
        ];
        Assert.Equal(expected, labels);
        // no internal identifiers
        foreach (var name in spec.Optimizers.Select(o => o.Name).Concat(spec.Searches.Select(s => s.Name)))
            Assert.DoesNotContain(labels, l => l.Contains(name, StringComparison.Ordinal));
    }

    [Fact]
    public void Given_fourteen_series_When_styled_Then_each_has_its_own_style_and_a_method_keeps_its_colour_across_parameterisations()
    {
        var spec = Spec();
        var series = OverlaySeries.Of(Rows(spec), spec);

        Assert.Equal(14, series.Count);
        Assert.Equal(14, series.Select(s => (s.Color, s.Shape)).Distinct().Count());
        foreach (var m in Methods)
        {
            var lazy = series.Single(s => s.Variant == $"{m}-lazy");
            var rich = series.Single(s => s.Variant == $"{m}-rich");
            Assert.Equal(lazy.Color, rich.Color);
            Assert.NotEqual(lazy.Shape, rich.Shape);
        }
        // and without a spec, fourteen distinct styles still, named by kind and variant
        var plain = OverlaySeries.Of(Rows(spec), null);
        Assert.Equal(14, plain.Select(s => (s.Color, s.Shape)).Distinct().Count());
        Assert.Contains(plain, s => s.Label == "train gd-lazy");
    }

    [Fact]
    public void Given_the_legend_in_columns_When_laid_out_Then_two_columns_fit_in_the_cell_and_no_entries_overlap()
    {
        var spec = Spec();
        var plot = Panel(Rows(spec), spec);
        var items = plot.Legend.GetItems();
        var layout = Assert.IsType<ColumnLegendLayout>(plot.Legend.Layout);

        using var paint = Paint.NewDisposablePaint();
        var result = layout.GetLayout(plot.Legend, items, PixelSize.Infinity, paint);

        Assert.True(2 == layout.Columns(plot.Legend, items), $"one column: {new ColumnLegendLayout(10000).GetLayout(plot.Legend, items, PixelSize.Infinity, paint).LegendRect.Width} wide in two, {layout.MaxWidth} allowed");
        Assert.True(result.LegendRect.Width <= layout.MaxWidth, $"{result.LegendRect.Width} > {layout.MaxWidth}");
        Assert.Equal(16, result.LabelRects.Length);
        for (var i = 0; i < items.Length; i++)
        {
            Assert.True(result.LabelRects[i].Left >= result.LegendRect.Left && result.LabelRects[i].Right <= result.LegendRect.Right);
            Assert.True(result.LabelRects[i].Top >= result.LegendRect.Top && result.LabelRects[i].Bottom <= result.LegendRect.Bottom);
            for (var j = 0; j < i; j++)
                Assert.False(Overlap(result.LabelRects[i], result.LabelRects[j]), $"entries {j} and {i} overlap");
        }
        // The same items in a narrow figure: one column, twice as many rows.
        Assert.Equal(1, new ColumnLegendLayout(200).Columns(plot.Legend, items));
    }

    [Fact]
    public void Given_a_panel_with_overlays_When_rendered_Then_its_figure_grows_by_the_legend_and_the_data_area_keeps_its_size()
    {
        var spec = Spec();
        var rows = Rows(spec);

        var figures = FigureSet.Render(rows, new Dictionary<string, string> { ["pa"] = "Alpha panel" }, [], spec);
        var composite = figures.Single(f => f.Stem == "figure-2");
        var overlays = Panel(rows, spec);
        var plain = Panel(rows.Where(r => r.IsRho).ToList(), spec);

        // the figure is the plain cell plus the extra legend rows (16 entries in 8 rows against 2 in 2)
        var extra = PanelPlot.ExtraHeight(overlays);
        Assert.True(extra > 100, $"extra {extra}");
        Assert.Equal(0, PanelPlot.ExtraHeight(plain));
        Assert.Contains($"height=\"{FigureSet.CellHeight + extra}\"", composite.Svg);
        // rendered at those heights, the data areas are the same
        overlays.GetImage(FigureSet.CellWidth, FigureSet.CellHeight + extra);
        plain.GetImage(FigureSet.CellWidth, FigureSet.CellHeight);
        Assert.Equal(plain.RenderManager.LastRender.DataRect.Height, overlays.RenderManager.LastRender.DataRect.Height, 1.0);
    }

    [Fact]
    public void Given_a_title_that_states_the_sizes_When_titled_Then_the_sizes_are_not_repeated()
    {
        var rows = SyntheticRows.Sweep().Where(r => r.Panel == "pa").ToList();

        Assert.Equal("Single-index, ReLU (d = 10, n = 20, m = 40)", FigureSet.WithSizes("Single-index, ReLU (d = 10, n = 20, m = 40)", rows));
        Assert.Equal("Alpha\nd = 10, n = 20, m = 40", FigureSet.WithSizes("Alpha", rows));
    }

    [Fact]
    public void Given_runs_and_searches_without_titles_When_labelled_Then_the_words_come_from_their_fields()
    {
        var sgd = new TrainingRunSpec { Name = "x1", Optimizer = OptimizerKind.Sgd, BatchSize = 20, LearningRate = 0.01 };
        var sam = new TrainingRunSpec { Name = "x2", Optimizer = OptimizerKind.Sam, SamRadius = 0.05, SamSchedule = SamSchedule.Decay,
            LearningRate = 1, Parameterization = Parameterization.MeanField };
        var eos = new TrainingRunSpec { Name = "x3", EdgeOfStability = 0.9 };

        Assert.Equal("SGD, batch 20, step 0.01, standard", sgd.Label());
        Assert.Equal("SAM, radius 0.05 → 0, step 1, mean-field", sam.Label());
        Assert.Equal("GD, step 0.9 × 2/λ_max, standard", eos.Label());
        Assert.Equal("search from the directions of SGD, batch 20, step 0.01, standard",
            new SearchRunSpec { Name = "s", Start = SearchStart.Trained, From = "x1" }.Label([sgd, sam, eos]));
        Assert.Equal("search from directions at ρ = 0.05", new SearchRunSpec { Name = "s", Start = SearchStart.Rho, Rho = 0.05 }.Label([]));
    }

    private static bool Overlap(PixelRect a, PixelRect b) =>
        a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;
}
