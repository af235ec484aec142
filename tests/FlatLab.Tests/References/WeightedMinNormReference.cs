using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.References;

/// <summary>
/// The p = 2 problem in closed form (derived by hand from the Lagrangian Σ c_j a_j² − λᵀ(Φa − y)):
/// stationarity gives a = C⁻¹Φᵀλ/2; with K = Φ C⁻¹ Φᵀ, feasibility gives λ/2 = K⁻¹y, so
/// a* = C⁻¹ Φᵀ K⁻¹ y and the optimum is Σ c_j a_j² = yᵀ K⁻¹ y. Here λ is reported in the solver's
/// convention Φᵀλ = ∇(Σ c a²) = 2 C a, i.e. λ = 2 K⁻¹ y. Neurons with c_j = 0 are dropped (a_j = 0).
/// </summary>
public static class WeightedMinNormReference
{
    public static ReferenceSolution Solve(Matrix<double> phi, double[] y, double[] c)
    {
        var n = phi.RowCount;
        var m = phi.ColumnCount;
        var k = Matrix<double>.Build.Dense(n, n);
        for (var j = 0; j < m; j++)
        {
            if (c[j] == 0) continue;
            var column = phi.Column(j);
            k += column.OuterProduct(column) / c[j];
        }
        var yv = Vector<double>.Build.DenseOfArray(y);
        var half = k.Cholesky().Solve(yv); // K⁻¹ y
        var a = new double[m];
        for (var j = 0; j < m; j++)
            if (c[j] != 0) a[j] = phi.Column(j).DotProduct(half) / c[j];
        return new ReferenceSolution(yv.DotProduct(half), a, (2 * half).ToArray(), GlopReference.Residual(phi, y, a), 0);
    }
}
