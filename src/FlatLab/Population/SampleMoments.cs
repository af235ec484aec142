namespace FlatLab.Population;

/// <summary>
/// Running means and co-moments of a few variables (Welford), mergeable in a fixed order
/// (Chan et al.) so chunked Monte Carlo gives the same numbers on any number of threads.
/// </summary>
internal sealed class SampleMoments
{
    private readonly double[] _mean;
    private readonly double[,] _comoment; // Σ (x_a − mean_a)(x_b − mean_b)

    public SampleMoments(int variables)
    {
        _mean = new double[variables];
        _comoment = new double[variables, variables];
    }

    public long Count { get; private set; }

    public int Variables => _mean.Length;

    public double Mean(int a) => _mean[a];

    /// <summary>The unbiased sample covariance of variables a and b.</summary>
    public double Covariance(int a, int b) => Count > 1 ? _comoment[a, b] / (Count - 1) : double.NaN;

    public void Add(ReadOnlySpan<double> values)
    {
        Count++;
        Span<double> delta = stackalloc double[Variables];
        for (var a = 0; a < Variables; a++)
        {
            delta[a] = values[a] - _mean[a];
            _mean[a] += delta[a] / Count;
        }
        for (var a = 0; a < Variables; a++)
            for (var b = 0; b < Variables; b++) _comoment[a, b] += delta[a] * (values[b] - _mean[b]);
    }

    public void Merge(SampleMoments other)
    {
        if (other.Count == 0) return;
        var n = Count + other.Count;
        var weight = (double)Count * other.Count / n;
        Span<double> delta = stackalloc double[Variables];
        for (var a = 0; a < Variables; a++) delta[a] = other._mean[a] - _mean[a];
        for (var a = 0; a < Variables; a++)
            for (var b = 0; b < Variables; b++)
                _comoment[a, b] += other._comoment[a, b] + delta[a] * delta[b] * weight;
        for (var a = 0; a < Variables; a++) _mean[a] += delta[a] * other.Count / n;
        Count = n;
    }
}
