using FlatLab.Activations;
using MathNet.Numerics.LinearAlgebra;

namespace FlatLab.Data;

/// <summary>
/// A Gaussian multi-index model (docs/model.md §1): x ~ N(0, I_d), y = g(U x) + ε, ε ~ N(0, s²),
/// where g = b + h is a link h of <see cref="LinkKind"/> plus a scalar offset b (0 by default, §1.7).
/// </summary>
/// <param name="Directions">U (r × d) with orthonormal rows u_1 … u_r.</param>
/// <param name="Link">Which g.</param>
/// <param name="LinkActivation">σ*, the activation inside g (unused by the linear link).</param>
/// <param name="Coefficients">c_r for sum-single-index (length r), b_l for the teacher (length L); empty otherwise.</param>
/// <param name="TeacherWeights">v_l as rows (L × r) for the teacher link; null otherwise.</param>
/// <param name="QuadraticForm">A (d × d, symmetric, ‖A‖_F = 1) for the quadratic-feature link; null otherwise.</param>
/// <param name="NoiseStd">s, the label-noise standard deviation.</param>
public sealed record DataModel(
    Matrix<double> Directions,
    LinkKind Link,
    Activation LinkActivation,
    double[] Coefficients,
    Matrix<double>? TeacherWeights,
    Matrix<double>? QuadraticForm,
    double NoiseStd)
{
    public int Dimension => Directions.ColumnCount;
    public int Rank => Directions.RowCount;

    /// <summary>b, the scalar the link adds to the sum of activations (docs/model.md §1.7). Only the
    /// multi-index links take one; the quadratic-feature link has none.</summary>
    public double Offset { get; init; }

    /// <summary>Throws with a message naming the problem when the model is inconsistent.</summary>
    public DataModel Validate()
    {
        if (Rank < 1) throw new ArgumentException("The data model needs at least one true direction (r >= 1).");
        if (Rank > Dimension) throw new ArgumentException($"r = {Rank} true directions exceed d = {Dimension}.");
        if (!(NoiseStd >= 0) || !double.IsFinite(NoiseStd))
            throw new ArgumentException($"Noise standard deviation must be finite and >= 0, got {NoiseStd}.");
        var gram = Directions * Directions.Transpose();
        var offOrtho = (gram - Matrix<double>.Build.DenseIdentity(Rank)).Enumerate().Max(Math.Abs);
        if (!(offOrtho < 1e-8))
            throw new ArgumentException($"The true directions U must have orthonormal rows (max |UUᵀ − I| = {offOrtho:G3}).");
        switch (Link)
        {
            case LinkKind.SumSingleIndex when Coefficients.Length != Rank:
                throw new ArgumentException($"sum-single-index needs r = {Rank} coefficients, got {Coefficients.Length}.");
            case LinkKind.Teacher when TeacherWeights is null:
                throw new ArgumentException("The teacher link needs teacher weights v_l (L × r).");
            case LinkKind.Teacher when TeacherWeights.ColumnCount != Rank || TeacherWeights.RowCount != Coefficients.Length:
                throw new ArgumentException(
                    $"The teacher link needs L × r = L × {Rank} weights and L coefficients; got {TeacherWeights.RowCount} × {TeacherWeights.ColumnCount} and {Coefficients.Length}.");
            case LinkKind.QuadraticFeature when QuadraticForm is null || QuadraticForm.RowCount != Dimension || QuadraticForm.ColumnCount != Dimension:
                throw new ArgumentException($"The quadratic-feature link needs a {Dimension} × {Dimension} matrix A.");
        }
        if (Coefficients.Any(c => !double.IsFinite(c)))
            throw new ArgumentException("Link coefficients must be finite numbers.");
        if (!double.IsFinite(Offset))
            throw new ArgumentException($"The link offset must be a finite number, got {Offset.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}.");
        if (Offset != 0 && Link == LinkKind.QuadraticFeature)
            throw new ArgumentException("The quadratic-feature link takes no offset: only the multi-index links are b + a sum of activations.");
        return this;
    }

    /// <summary>The noiseless target g(x) = b + h(x) for one input x of length d.</summary>
    public double Target(ReadOnlySpan<double> x)
    {
        var h = Activations(x);
        // Without an offset the value is h itself, bit for bit (0 + h would turn −0 into +0).
        return Offset == 0 ? h : Offset + h;
    }

    /// <summary>h(x), the link without its offset.</summary>
    private double Activations(ReadOnlySpan<double> x)
    {
        switch (Link)
        {
            case LinkKind.SingleIndex:
                return LinkActivation.Value(Dot(Directions, 0, x));
            case LinkKind.Linear:
                return Dot(Directions, 0, x);
            case LinkKind.SumSingleIndex:
            {
                var g = 0.0;
                for (var r = 0; r < Rank; r++) g += Coefficients[r] * LinkActivation.Value(Dot(Directions, r, x));
                return g;
            }
            case LinkKind.Teacher:
            {
                Span<double> ux = stackalloc double[Rank];
                for (var r = 0; r < Rank; r++) ux[r] = Dot(Directions, r, x);
                var g = 0.0;
                for (var l = 0; l < Coefficients.Length; l++)
                {
                    var z = 0.0;
                    for (var r = 0; r < Rank; r++) z += TeacherWeights![l, r] * ux[r];
                    g += Coefficients[l] * LinkActivation.Value(z);
                }
                return g;
            }
            case LinkKind.QuadraticFeature:
            {
                var a = QuadraticForm!;
                var q = 0.0;
                for (var i = 0; i < Dimension; i++)
                {
                    var row = 0.0;
                    for (var j = 0; j < Dimension; j++) row += a[i, j] * x[j];
                    q += x[i] * row;
                }
                return LinkActivation.Value(q - a.Trace());
            }
            default:
                throw new InvalidOperationException($"Unhandled link {Link}.");
        }
    }

    private static double Dot(Matrix<double> rows, int r, ReadOnlySpan<double> x)
    {
        var s = 0.0;
        for (var j = 0; j < x.Length; j++) s += rows[r, j] * x[j];
        return s;
    }
}
