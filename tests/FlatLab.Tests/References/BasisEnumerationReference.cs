using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.References;

/// <summary>
/// The p = 1 optimum by brute force, for tiny problems only: the LP min Σ c_j|a_j| s.t. Φa = y attains
/// its optimum at a vertex, and the vertices of its (u, v) split have a supported on a set S of n
/// columns with Φ_S non-singular. So the optimum is the minimum of Σ_{j∈S} c_j |(Φ_S⁻¹ y)_j| over all
/// C(m, n) such sets.
/// </summary>
public static class BasisEnumerationReference
{
    public static (double Objective, double[] Weights) Solve(Matrix<double> phi, double[] y, double[] c)
    {
        var n = phi.RowCount;
        var m = phi.ColumnCount;
        var live = Enumerable.Range(0, m).Where(j => c[j] > 0).ToArray();
        var best = double.PositiveInfinity;
        var bestWeights = Array.Empty<double>();
        var yv = Vector<double>.Build.DenseOfArray(y);
        foreach (var subset in Subsets(live, n))
        {
            var sub = Matrix<double>.Build.Dense(n, n, (i, k) => phi[i, subset[k]]);
            var sv = sub.Svd(computeVectors: false).S;
            if (sv[n - 1] < 1e-10 * sv[0]) continue; // singular basis: not a vertex
            var aS = sub.LU().Solve(yv);
            var value = 0.0;
            for (var k = 0; k < n; k++) value += c[subset[k]] * Math.Abs(aS[k]);
            if (value < best)
            {
                best = value;
                bestWeights = new double[m];
                for (var k = 0; k < n; k++) bestWeights[subset[k]] = aS[k];
            }
        }
        return (best, bestWeights);
    }

    private static IEnumerable<int[]> Subsets(int[] items, int size)
    {
        var index = Enumerable.Range(0, size).ToArray();
        if (size > items.Length) yield break;
        while (true)
        {
            yield return index.Select(i => items[i]).ToArray();
            var pos = size - 1;
            while (pos >= 0 && index[pos] == items.Length - size + pos) pos--;
            if (pos < 0) yield break;
            index[pos]++;
            for (var q = pos + 1; q < size; q++) index[q] = index[q - 1] + 1;
        }
    }
}
