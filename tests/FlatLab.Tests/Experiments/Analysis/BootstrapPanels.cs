using FlatLab.Experiments.Results;
using FlatLab.Randomness;
using FlatLab.Tests.Reporting.Runs;

namespace FlatLab.Tests.Experiments.Analysis;

/// <summary>Synthetic panels for the bootstrap and verdict tests: rows built without solving.</summary>
public static class BootstrapPanels
{
    /// <summary>A usable ρ row of seed <paramref name="seed"/> with the given F_min and loss, signal power 1 and noise variance 0.01.</summary>
    public static CaseResult Row(string panel, int index, int seed, double rho, double flatness, double loss,
        double signalPower = 1.0, double noiseVariance = 0.01) =>
        SyntheticRows.Row(index, panel, "2", seed, rho, flatness, loss) with
        {
            SignalPower = signalPower,
            NoiseVariance = noiseVariance,
        };

    /// <summary>A failed ρ row (infeasible, NaN numbers).</summary>
    public static CaseResult Failed(string panel, int index, int seed, double rho) =>
        SyntheticRows.Row(index, panel, "2", seed, rho, double.NaN, double.NaN, CaseStatus.Infeasible, "Φa = y has no solution");

    /// <summary>
    /// A clustered Gaussian panel: seed i contributes, at every ρ of <paramref name="rhos"/>,
    /// (F, L) = (a_i + e, b_i + f) where (a_i, b_i) is shared by all ρ of the seed with correlation
    /// <paramref name="seedCorrelation"/> and (e, f) is fresh per row with correlation
    /// <paramref name="rowCorrelation"/>, each part of variance 1/2 (plus offsets 10 and 5, which ranks ignore). A random row is then bivariate normal
    /// with unit variances and correlation r = (seedCorrelation + rowCorrelation)/2, whose Spearman
    /// correlation is (6/π) asin(r/2).
    /// </summary>
    public static List<CaseResult> Clustered(string panel, RandomSource random, int seeds, IReadOnlyList<double> rhos,
        double seedCorrelation, double rowCorrelation)
    {
        var rows = new List<CaseResult>();
        var half = Math.Sqrt(0.5);
        for (var s = 0; s < seeds; s++)
        {
            var (a, b) = Pair(random, seedCorrelation);
            foreach (var rho in rhos)
            {
                var (e, f) = Pair(random, rowCorrelation);
                rows.Add(Row(panel, rows.Count, s, rho, 10 + half * (a + e), 5 + half * (b + f)));
            }
        }
        return rows;
    }

    /// <summary>Two standard normals with correlation r.</summary>
    public static (double X, double Y) Pair(RandomSource random, double r)
    {
        var x = random.NextGaussian();
        var z = random.NextGaussian();
        return (x, r * x + Math.Sqrt(1 - r * r) * z);
    }
}
