namespace FlatLab.Cli.Solve;

/// <summary>The file format of the vectors a command writes into its output folder (<c>--out-format</c>).</summary>
internal enum ArrayFormat
{
    /// <summary>One value per line, shortest round-trip text (<c>numpy.loadtxt</c> reads it).</summary>
    Csv = 0,
    /// <summary>NumPy <c>.npy</c>, float64 (<c>numpy.load</c> reads it bit for bit).</summary>
    Npy,
}
