using FlatLab.Activations;
using FlatLab.Randomness;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Tests.Flatness;

/// <summary>Loop-by-loop reference computations, written straight from docs/model.md §3 without any kernel.</summary>
internal static class NaiveNetwork
{
    public static Matrix<double> Gaussian(int rows, int cols, RandomSource random, double scale = 1.0) =>
        Matrix<double>.Build.Dense(rows, cols, (_, _) => scale * random.NextGaussian());

    public static double[] Gaussian(int length, RandomSource random) =>
        Enumerable.Range(0, length).Select(_ => random.NextGaussian()).ToArray();

    public static double Output(Matrix<double> x, int i, double[] a, Matrix<double> w, Activation sigma)
    {
        var f = 0.0;
        for (var j = 0; j < w.RowCount; j++)
        {
            var z = 0.0;
            for (var c = 0; c < x.ColumnCount; c++) z += w[j, c] * x[i, c];
            f += a[j] * sigma.Value(z);
        }
        return f;
    }

    public static double[] Outputs(Matrix<double> x, double[] a, Matrix<double> w, Activation sigma) =>
        Enumerable.Range(0, x.RowCount).Select(i => Output(x, i, a, w, sigma)).ToArray();

    public static double Loss(Matrix<double> x, double[] y, double[] a, Matrix<double> w, Activation sigma)
    {
        var loss = 0.0;
        for (var i = 0; i < x.RowCount; i++)
        {
            var r = Output(x, i, a, w, sigma) - y[i];
            loss += r * r;
        }
        return loss / x.RowCount;
    }

    /// <summary>The docs/model.md §3 trace formula evaluated with explicit loops over i, j and c.</summary>
    public static double TraceFormula(Matrix<double> x, double[] y, double[] a, Matrix<double> w, Activation sigma)
    {
        var n = x.RowCount;
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            var r = Output(x, i, a, w, sigma) - y[i];
            var sq = 0.0;
            for (var c = 0; c < x.ColumnCount; c++) sq += x[i, c] * x[i, c];
            for (var j = 0; j < w.RowCount; j++)
            {
                var z = 0.0;
                for (var c = 0; c < x.ColumnCount; c++) z += w[j, c] * x[i, c];
                total += sigma.Value(z) * sigma.Value(z) + a[j] * a[j] * sigma.Derivative(z) * sigma.Derivative(z) * sq
                         + r * a[j] * sigma.SecondDerivative(z) * sq;
            }
        }
        return 2.0 / n * total;
    }

    public static double MinAbsPreActivation(Matrix<double> x, Matrix<double> w) =>
        (x * w.Transpose()).Enumerate().Min(Math.Abs);
}
