namespace FlatLab.Experiments.Analysis;

/// <summary>
/// A Spearman rank correlation: <see cref="Rho"/> in [-1, 1] over <see cref="N"/> pairs, and a two-sided
/// p-value from the t approximation t = ρ √((n − 2)/(1 − ρ²)) with n − 2 degrees of freedom. Both are NaN
/// when the correlation is undefined (fewer than 3 pairs for the p-value, fewer than 2 or a constant
/// variable for ρ).
/// </summary>
public sealed record SpearmanResult(double Rho, int N, double PValue)
{
    public static SpearmanResult Undefined(int n) => new(double.NaN, n, double.NaN);
}
