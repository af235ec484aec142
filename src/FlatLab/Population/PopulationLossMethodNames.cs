namespace FlatLab.Population;

public static class PopulationLossMethodNames
{
    /// <summary>The spelling in every output: <c>exact</c>, <c>quadrature</c> or <c>monte-carlo</c>
    /// (as a sweep spec's <c>population.method</c> names it).</summary>
    public static string Name(this PopulationLossMethod method) => method switch
    {
        PopulationLossMethod.Exact => "exact",
        PopulationLossMethod.Quadrature => "quadrature",
        PopulationLossMethod.MonteCarlo => "monte-carlo",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };
}
