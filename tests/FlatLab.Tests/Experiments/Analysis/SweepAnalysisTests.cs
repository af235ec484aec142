using FlatLab.Experiments.Analysis;
using FlatLab.Experiments.Results;
using FlatLab.Tests.Reporting.Runs;

namespace FlatLab.Tests.Experiments.Analysis;

public class SweepAnalysisTests
{
    /// <summary>
    /// One panel, 2 seeds × 3 ρ, numbers chosen by hand:
    ///   ρ = 0.1: (F, L) = (10, 0.50) and (14, 0.70)   means (12, 0.60)
    ///   ρ = 0.3: (F, L) = ( 8, 0.30) and ( 9, 0.20)   means (8.5, 0.25)
    ///   ρ = 0.9: (F, L) = ( 7, 0.40) and (13, 0.10)   means (10, 0.25)
    /// plus a failed case and a solved case without a loss, both to be left out.
    /// </summary>
    private static List<CaseResult> HandMade() =>
    [
        SyntheticRows.Row(0, "p", "2", 0, 0.1, 10, 0.50),
        SyntheticRows.Row(1, "p", "2", 0, 0.3, 8, 0.30),
        SyntheticRows.Row(2, "p", "2", 0, 0.9, 7, 0.40),
        SyntheticRows.Row(3, "p", "2", 1, 0.1, 14, 0.70),
        SyntheticRows.Row(4, "p", "2", 1, 0.3, 9, 0.20),
        SyntheticRows.Row(5, "p", "2", 1, 0.9, 13, 0.10),
        SyntheticRows.Row(6, "p", "2", 2, 0.1, double.NaN, double.NaN, CaseStatus.MaxIterations, "stopped after 50 iterations"),
        SyntheticRows.Row(7, "p", "2", 2, 0.3, 5, double.NaN),
    ];

    [Fact]
    public void Given_a_hand_made_panel_When_summarized_Then_the_flattest_point_and_its_loss_gap_are_the_hand_computed_ones()
    {
        var p = SweepAnalysis.Summarize(HandMade()).Panels.Single();
        Assert.Equal((8, 6, 2), (p.Total, p.Usable, p.Failed));
        Assert.Equal(7, p.Solved);
        var c = p.Flattest!;
        // smallest F_min is 7 (ρ = 0.9, loss 0.40); best loss is 0.10 (ρ = 0.9).
        Assert.Equal((0.9, 7.0, 0.40, 0.9, 0.10), (c.Rho, c.FlatnessMin, c.PopulationLoss, c.BestRho, c.BestPopulationLoss));
        Assert.Equal(4.0, c.LossRatio, 12);
        Assert.Equal(0.30, c.LossDifference, 12);
    }

    [Fact]
    public void Given_a_hand_made_panel_When_seeds_are_averaged_Then_means_per_rho_and_their_flattest_point_are_the_hand_computed_ones()
    {
        var p = SweepAnalysis.Summarize(HandMade()).Panels.Single();
        Assert.Equal([0.1, 0.3, 0.9], p.SeedAveraged.Select(a => a.Rho));
        Assert.Equal([12, 8.5, 10], p.SeedAveraged.Select(a => a.FlatnessMin), new ToleranceComparer(1e-12));
        Assert.Equal([0.60, 0.25, 0.25], p.SeedAveraged.Select(a => a.PopulationLoss), new ToleranceComparer(1e-12));
        Assert.Equal([2, 2, 2], p.SeedAveraged.Select(a => a.Count));
        var c = p.SeedAveragedFlattest!;
        Assert.Equal(0.3, c.Rho);
        Assert.Equal(0.25, c.PopulationLoss, 12);
        Assert.Equal(0.25, c.BestPopulationLoss, 12);
        Assert.Equal(1.0, c.LossRatio, 12);
        // ranks F: (3, 1, 2), L: (3, 1.5, 1.5): Pearson of these ranks = 0.8660254 (= √3/2, by hand).
        Assert.Equal(Math.Sqrt(3) / 2, p.SeedAveragedSpearman.Rho, 12);
        Assert.Equal(3, p.SeedAveragedSpearman.N);
    }

    [Fact]
    public void Given_a_hand_made_panel_When_summarized_Then_spearman_uses_only_usable_rows()
    {
        var rows = HandMade();
        var p = SweepAnalysis.Summarize(rows).Panels.Single();
        var usable = rows.Where(r => r.IsUsable).ToList();
        var direct = SpearmanCorrelation.Compute(usable.Select(r => r.FlatnessMin).ToList(), usable.Select(r => r.PopulationLoss).ToList());
        Assert.Equal(6, p.Spearman.N);
        Assert.Equal(direct.Rho, p.Spearman.Rho);
        // F ranks (4,2,1,6,3,5), L ranks (5,3,4,6,2,1): Σd² = 1+1+9+0+1+16 = 28, ρ = 1 − 6·28/(6·35) = 0.2 (no ties).
        Assert.Equal(0.2, p.Spearman.Rho, 12);
    }

    [Fact]
    public void Given_failed_and_unusable_rows_When_summarized_Then_they_are_counted_by_status_and_listed_with_messages()
    {
        var s = SweepAnalysis.Summarize(HandMade());
        Assert.Equal((8, 7, 6, 2), (s.Total, s.Solved, s.Usable, s.Failed));
        Assert.Equal([KeyValuePair.Create(CaseStatus.MaxIterations, 1), KeyValuePair.Create(CaseStatus.Solved, 7)], s.ByStatus);
        Assert.Equal(["p/s02/rho06", "p/s02/rho07"], s.Failures.Select(f => f.CaseKey));
        Assert.Equal("stopped after 50 iterations", s.Failures[0].Message);
        Assert.Contains("not both finite", s.Failures[1].Message);
    }

    [Fact]
    public void Given_several_panels_When_summarized_Then_panels_keep_case_order_and_their_own_rows()
    {
        var s = SweepAnalysis.Summarize(SyntheticRows.Sweep());
        Assert.Equal(["pa", "pb", "pc"], s.Panels.Select(p => p.Panel));
        Assert.Equal(["2", "2", "4"], s.Panels.Select(p => p.Figure));
        Assert.Equal([8, 7, 8], s.Panels.Select(p => p.Usable));
        // loss and F_min rise together in every synthetic panel.
        Assert.All(s.Panels, p => Assert.Equal(1.0, p.SeedAveragedSpearman.Rho, 12));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
